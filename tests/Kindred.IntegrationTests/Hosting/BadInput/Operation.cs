namespace Kindred.IntegrationTests.Hosting.BadInput;

/// <summary>One thing a client can ask: a method on a route template, with the parameter names it reads.</summary>
public sealed record Operation(string Method, string Template, IReadOnlyList<string> Parameters, bool IsPage)
{
    public bool HasBody => Method is "POST" or "PUT" or "PATCH" or "DELETE";

    public override string ToString() => $"{Method} {Template}";
}
