using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Kindred.Data.Entities;
using Kindred.Server.Hosting.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Kindred.Server.Hosting;

/// <summary>
/// Throttling instead of lockout, with the framework's limiter. One chained global limiter holds every rule, so a
/// request can be limited by its address and by the account or e-mail it names at once; each rule picks its
/// requests by path and its key from the request. Rejections are 429 with Retry-After. With Redis configured the
/// same rules count across every node (<see cref="RedisWindowLimiter"/>, ADR 94).
/// </summary>
public static class RateLimits
{
    private static readonly string[] AccountFields = ["Input.Username", "username", "Input.UserName"];
    private static readonly string[] EmailFields = ["Input.Email", "email"];

    /// <summary>Where the form preload leaves the sign-in's account key for the limiter (which cannot query).</summary>
    private const string SignInAccountItem = "Kindred.RateLimits.SignInAccount";

    public static WebApplicationBuilder AddKindredRateLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Kindred:RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        // The rules are made once the services exist: with Redis configured each rule counts in Redis (ADR 94).
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider>((o, services) =>
        {
            var redis = services.GetService<RedisConnection>();
            var state = services.GetRequiredService<RedisLimitState>();
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                Rule("sign-in-ip", IsSignIn, c => "ip:" + Ip(c), limits.SignInPerIp, limits.SignInPerIpWindow, redis, state),
                Rule("sign-in-account", IsSignIn, c => c.Items[SignInAccountItem] as string, limits.SignInPerAccount, limits.SignInPerAccountWindow, redis, state),
                Rule("sign-up-ip", IsSignUp, c => "ip:" + Ip(c), limits.SignUpPerIp, limits.SignUpPerIpWindow, redis, state),
                Rule("email", IsEmailRequest, c => FormValue(c, EmailFields) is { } email ? "email:" + email.Trim().ToLowerInvariant() : null, limits.EmailPerAddress, limits.EmailPerAddressWindow, redis, state),
                Rule("api", c => c.Request.Path.StartsWithSegments("/api"), ApiKey, limits.ApiPerToken, limits.ApiPerTokenWindow, redis, state),
                Rule("web-write", IsWebWrite, WebKey, limits.WebWritesPerAccount, limits.WebWritesPerAccountWindow, redis, state));
        });
        builder.Services.AddSingleton<RedisLimitState>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 60;
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (context.HttpContext.Request.Path.StartsWithSegments("/api") || context.HttpContext.Request.Path.StartsWithSegments("/oauth"))
                {
                    await response.WriteAsJsonAsync(new { error = "Too many requests" }, ct);
                }
                else
                {
                    response.ContentType = "text/html; charset=utf-8";
                    await response.WriteAsync($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many attempts</title></head><body><main><h1>Too many attempts</h1><p>Please wait {seconds} seconds and try again.</p></main></body></html>", ct);
                }
            };
        });
        return builder;
    }

    /// <summary>The limiter reads form fields synchronously; this loads the form first on the few paths whose keys live in it.</summary>
    public static IApplicationBuilder UseFormPreloadForRateLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        var keyInForm = HttpMethods.IsPost(context.Request.Method)
            && (path.Equals("/account/sign-in", StringComparison.OrdinalIgnoreCase) || path.Equals("/oauth/token", StringComparison.OrdinalIgnoreCase) || IsEmailRequest(context));
        if (keyInForm && context.Request.HasFormContentType)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            // A truncated multipart body ends in an IOException: the client's fault, like a malformed one.
            catch (Exception e) when (UnreadableBody.Is(e))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            if (IsSignIn(context) && FormValue(context, AccountFields) is { } name)
            {
                context.Items[SignInAccountItem] = await SignInAccountKeyAsync(context, name);
            }
        }
        await next(context);
    });

    /// <summary>
    /// The per-account key of a sign-in: the account the name resolves to, looked up the way the sign-in page and the
    /// password grant do (username, then e-mail), so "Sam", "ſam" (U+017F folds to S) and sam@example.org share one
    /// budget (ADR 47). A name that finds no account is keyed by its normalized form.
    /// </summary>
    private static async Task<string> SignInAccountKeyAsync(HttpContext context, string name)
    {
        var users = context.RequestServices.GetRequiredService<UserManager<User>>();
        var trimmed = name.Trim();
        if (trimmed.StartsWith('@') && trimmed.IndexOf('@', 1) < 0)
        {
            trimmed = trimmed[1..];
        }
        var user = trimmed.Length is 0 or > 254 ? null
            : await users.FindByNameAsync(trimmed) ?? (trimmed.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(trimmed) : null);
        return user is not null
            ? "account:" + user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "name:" + users.NormalizeName(trimmed.Length > 254 ? trimmed[..254] : trimmed);
    }

    /// <summary>
    /// One rule: a fixed window per key. Without Redis, this node's limiter; with it, a counter in Redis named after the
    /// rule and the key, and this node's limiter only while Redis does not answer.
    /// </summary>
    private static PartitionedRateLimiter<HttpContext> Rule(string name, Func<HttpContext, bool> applies, Func<HttpContext, string?> key, int permits, TimeSpan window, RedisConnection? redis, RedisLimitState state) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var partition = applies(context) ? key(context) : null;
            if (partition is null)
            {
                return RateLimitPartition.GetNoLimiter("");
            }
            var options = new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                QueueLimit = 0,
                AutoReplenishment = true,
            };
            return redis is null
                ? RateLimitPartition.GetFixedWindowLimiter(partition, _ => options)
                : RateLimitPartition.Get(partition, p => new RedisWindowLimiter(redis, state, RedisKey(name, p), permits, window, new FixedWindowRateLimiter(options)));
        });

    // Hashed: the keys name e-mail addresses and tokens, which Redis has no need to hold.
    private static string RedisKey(string rule, string partition) =>
        RedisConnection.Prefix + "limit:" + rule + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(partition)), 0, 16);

    private static bool IsSignIn(HttpContext c) =>
        HttpMethods.IsPost(c.Request.Method)
        // The two-factor and recovery-code steps share the sign-in budget per address: guessing a six-digit code must be slow too.
        && (c.Request.Path.StartsWithSegments("/account/sign-in", StringComparison.OrdinalIgnoreCase)
            || (c.Request.Path.Equals("/oauth/token", StringComparison.OrdinalIgnoreCase) && FormValue(c, ["grant_type"]) == "password"));

    private static bool IsSignUp(HttpContext c) =>
        HttpMethods.IsPost(c.Request.Method)
        && (c.Request.Path.Equals("/account/sign-up", StringComparison.OrdinalIgnoreCase) || c.Request.Path.Equals("/api/v1/accounts", StringComparison.OrdinalIgnoreCase));

    private static bool IsEmailRequest(HttpContext c) =>
        HttpMethods.IsPost(c.Request.Method)
        && (c.Request.Path.Equals("/account/forgot-password", StringComparison.OrdinalIgnoreCase)
            || c.Request.Path.Equals("/account/resend-confirmation", StringComparison.OrdinalIgnoreCase));

    /// <summary>Every form post of the web pages: the API and OAuth have their own budget.</summary>
    private static bool IsWebWrite(HttpContext c) =>
        HttpMethods.IsPost(c.Request.Method)
        && !c.Request.Path.StartsWithSegments("/api")
        && !c.Request.Path.StartsWithSegments("/oauth");

    // The limiter runs after authentication, so a signed-in member is counted as themselves wherever they post from
    // (members of one charity often share an office address).
    private static string WebKey(HttpContext c) =>
        Web.Shared.UserClaims.Id(c.User) is { } id ? "member:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "ip:" + Ip(c);

    private static string Ip(HttpContext c) => c.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string ApiKey(HttpContext c)
    {
        var authorization = c.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            // Hash the token so the limiter never holds credentials in memory.
            return "token:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization[7..].Trim())));
        }
        return "ip:" + Ip(c);
    }

    private static string? FormValue(HttpContext c, string[] names)
    {
        if (!c.Request.HasFormContentType || c.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form is not { } form)
        {
            return null;
        }
        foreach (var name in names)
        {
            if (form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.ToString();
            }
        }
        return null;
    }
}
