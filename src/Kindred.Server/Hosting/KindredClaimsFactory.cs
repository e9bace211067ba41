using System.Security.Claims;
using Kindred.Core.Accounts;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Hosting;

/// <summary>Puts the member's role, language and time zone into the sign-in cookie so pages need no query to know them.</summary>
public sealed class KindredClaimsFactory(UserManager<User> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User>(users, options)
{
    /// <summary>The member's own time zone, empty when they follow the organization's. A cookie without the claim
    /// (signed in before it existed) makes <c>ViewerTimes</c> ask the database instead.</summary>
    public const string TimeZoneClaim = "kindred:tz";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Roles.ClaimType, Roles.Name(user.Role)));
        identity.AddClaim(new Claim("kindred:locale", user.Locale));
        identity.AddClaim(new Claim(TimeZoneClaim, user.TimeZone ?? ""));
        return identity;
    }
}
