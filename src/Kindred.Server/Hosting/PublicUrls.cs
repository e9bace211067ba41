using Kindred.Core.Common;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Hosting;

/// <summary>Absolute links: Kindred:PublicUrl when set, otherwise the scheme and host the request came in on.</summary>
public sealed class PublicUrls(IOptions<KindredOptions> options, IHttpContextAccessor accessor)
{
    public string Base
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(options.Value.PublicUrl))
            {
                return options.Value.PublicUrl.TrimEnd('/');
            }
            var request = accessor.HttpContext?.Request;
            return request is null ? "http://localhost:5000" : $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
    }

    public string Host => new Uri(Base).Authority;

    public string Absolute(string path) => Base + (path.StartsWith('/') ? path : "/" + path);

    public string Media(string? relativePath, string fallback) =>
        relativePath is null ? Absolute(fallback) : Absolute("/media/" + relativePath);
}
