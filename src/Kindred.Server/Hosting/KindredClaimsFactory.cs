using System.Security.Claims;
using Kindred.Core.Accounts;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Hosting;

/// <summary>Puts the member's role and language into the sign-in cookie so pages need no query to know them.</summary>
public sealed class KindredClaimsFactory(UserManager<User> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Roles.ClaimType, Roles.Name(user.Role)));
        identity.AddClaim(new Claim("kindred:locale", user.Locale));
        return identity;
    }
}
