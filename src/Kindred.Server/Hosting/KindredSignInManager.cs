using System.Security.Claims;
using Kindred.Core.Deletion;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Server.Hosting;

/// <summary>Identity's sign-in, plus: only active members may sign in, and every sign-in becomes a row in the
/// session list (so "sign out everywhere" and per-browser sign-out work).</summary>
public sealed class KindredSignInManager(
    UserManager<User> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<User> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<User>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<User> confirmation,
    UserSessions sessions,
    KindredDbContext db,
    TimeProvider time)
    : SignInManager<User>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>Active members only, and never the organization's own account (ADR 55): every way in (the form, two-factor,
    /// the OAuth password grant, a refreshed cookie or token) asks here.</summary>
    /// <summary>Whether this request's sign-in cancelled a scheduled deletion of the account.</summary>
    public bool DeletionCancelled { get; private set; }

    /// <summary>Whether this request's sign-in is the member's first ever: the sign-in page then goes to /welcome (ADR 91).</summary>
    public bool FirstSignIn { get; private set; }

    public override async Task<bool> CanSignInAsync(User user) =>
        user.Status == UserStatus.Active
        && !await db.Organizations.AsNoTracking().AnyAsync(o => o.AccountId == user.Id)
        && await base.CanSignInAsync(user);

    public override async Task SignInWithClaimsAsync(User user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.ToList();
        if (claims.All(c => c.Type != UserSessions.ClaimType))
        {
            // A refresh (after a password change, say) keeps the browser's session; a new sign-in starts one.
            var current = Context.User.FindFirst(UserSessions.ClaimType)?.Value;
            var sameUser = Context.User.FindFirst("sub")?.Value == user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var sessionId = current is not null && sameUser ? current : (await sessions.StartAsync(user.Id, Context)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            claims.Add(new Claim(UserSessions.ClaimType, sessionId));
        }
        // Signing in during the grace period keeps the account (ADR 70); the sign-in pages then say so.
        DeletionCancelled = AccountDeletion.CancelOnSignIn(user);
        FirstSignIn = user.LastSignInAt is null;
        user.LastSignInAt = time.GetUtcNow().UtcDateTime;
        await UserManager.UpdateAsync(user);
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }
}
