namespace Kindred.IntegrationTests.Hosting.BadInput;

/// <summary>One generated request. Kind names the family of bad input, for the report.</summary>
public sealed record BadCase(string Kind, string Method, string Url, byte[]? Body, string? ContentType, bool SignedIn)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }
        return request;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : Body.Length > 120 ? $" [{Body.Length} bytes of {ContentType}]" : $" [{ContentType}] {Convert.ToHexString(Body.AsSpan(0, Math.Min(Body.Length, 60)))}";
        var url = Url.Length > 160 ? Url[..160] + "…" : Url;
        return $"{Kind} {(SignedIn ? "member" : "anonymous")} {Method} {url}{body}";
    }
}
