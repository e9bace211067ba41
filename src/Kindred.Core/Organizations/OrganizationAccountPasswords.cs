using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Organizations;

/// <summary>
/// Refuses every password for the organization's account (ADR 55), so no path that sets one — a reset link, the
/// command line's reset-password, a password change — can open it to sign-in.
/// </summary>
public sealed class OrganizationAccountPasswords(KindredDbContext db) : IPasswordValidator<User>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password) =>
        user.Id != 0 && await db.Organizations.AnyAsync(o => o.AccountId == user.Id)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "OrganizationAccount",
                Description = "Nobody signs in to the organization's account; staff act for it from their own accounts.",
            })
            : IdentityResult.Success;
}
