using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Kindred.Server.Hosting;

public static class IdentitySetup
{
    public const string AdminPolicy = "admin";
    public const string ModeratorPolicy = "moderator";
    public const string StaffPolicy = "staff";

    public static WebApplicationBuilder AddKindredIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var kindred = builder.Configuration.GetSection(KindredOptions.Section).Get<KindredOptions>() ?? new KindredOptions();

        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddIdentityCore<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
                // Length over composition rules (NIST SP 800-63B); throttling, not lockout, stops guessing.
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = false;
                o.SignIn.RequireConfirmedEmail = kindred.Registrations.RequireEmailConfirmation;
                o.ClaimsIdentity.UserIdClaimType = "sub";
            })
            .AddEntityFrameworkStores<KindredDbContext>()
            .AddSignInManager<KindredSignInManager>()
            .AddPasswordValidator<Kindred.Core.Organizations.OrganizationAccountPasswords>()
            .AddClaimsPrincipalFactory<KindredClaimsFactory>()
            .AddDefaultTokenProviders();
        services.AddScoped<UserSessions>();
        services.AddSingleton<CredentialCache>();

        var secure = kindred.PublicUrl?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true;
        services.ConfigureApplicationCookie(o =>
        {
            // __Host- needs Secure, which browsers refuse on plain http; a local http install uses a plain name.
            o.Cookie.Name = secure ? "__Host-kindred" : "kindred";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/";
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromDays(30);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = UserSessions.ValidatePrincipalAsync;
            // API and health callers get a status code, never a redirect to the sign-in page.
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = secure ? "__Host-kindred-2fa" : "kindred-2fa";
            o.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = context =>
            {
                var sid = context.CurrentPrincipal?.FindFirst(UserSessions.ClaimType);
                if (sid is not null && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                {
                    identity.AddClaim(new System.Security.Claims.Claim(UserSessions.ClaimType, sid.Value));
                }
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => HasRole(c.User, Roles.CanAdminister)))
            .AddPolicy(ModeratorPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => HasRole(c.User, Roles.CanModerate)))
            .AddPolicy(StaffPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => HasRole(c.User, Roles.IsStaff)));
        return builder;
    }

    public static bool HasRole(System.Security.Claims.ClaimsPrincipal user, Func<UserRole, bool> rule) =>
        Roles.TryParse(user.FindFirst(Roles.ClaimType)?.Value, out var role) && rule(role);

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/oauth/token") || path.StartsWithSegments("/health"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
