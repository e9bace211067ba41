namespace Kindred.Core.Common;

public static class Clock
{
    /// <summary>UTC now from the injected <see cref="TimeProvider"/>, as the UTC DateTime the model stores.</summary>
    public static DateTime UtcNow(this TimeProvider time) => time.GetUtcNow().UtcDateTime;
}
