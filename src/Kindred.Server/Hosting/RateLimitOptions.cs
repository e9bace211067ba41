namespace Kindred.Server.Hosting;

/// <summary>Kindred:RateLimits — permits per window. Defaults follow the security baseline; operators may tighten or loosen them.</summary>
public sealed class RateLimitOptions
{
    public int SignInPerIp { get; set; } = 25;
    public TimeSpan SignInPerIpWindow { get; set; } = TimeSpan.FromMinutes(5);
    public int SignInPerAccount { get; set; } = 25;
    public TimeSpan SignInPerAccountWindow { get; set; } = TimeSpan.FromHours(1);
    public int SignUpPerIp { get; set; } = 5;
    public TimeSpan SignUpPerIpWindow { get; set; } = TimeSpan.FromMinutes(30);
    public int EmailPerAddress { get; set; } = 5;
    public TimeSpan EmailPerAddressWindow { get; set; } = TimeSpan.FromMinutes(30);
    public int ApiPerToken { get; set; } = 300;
    public TimeSpan ApiPerTokenWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Form posts of the web pages (post actions, composing, reporting …) per signed-in member, or per address.</summary>
    public int WebWritesPerAccount { get; set; } = 300;
    public TimeSpan WebWritesPerAccountWindow { get; set; } = TimeSpan.FromMinutes(5);
}
