using Kindred.Core.Accounts;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Organizations;

/// <summary>
/// The organization's own account (ADR 55): <c>@slug</c> of its name, made at setup, and on the first start after the
/// upgrade for servers set up before it existed. Nobody signs in to it (<see cref="OrganizationAccountPasswords"/>
/// and the sign-in manager refuse it); staff act for the organization through Kindred's services.
/// </summary>
public sealed class OrganizationAccounts(KindredDbContext db, AccountService accounts, ProfileService profiles, AuditLog audit, OrganizationSettings settings)
{
    /// <summary>
    /// Creates the account if the organization has none yet; the caller's transaction (setup) or its own otherwise.
    /// Returns the account's id, or null before setup. Two processes starting at once may both try: the username's
    /// unique index lets one win, and the other finds its account on the next start.
    /// </summary>
    public async Task<long?> EnsureAsync(CancellationToken ct = default)
    {
        var organization = await db.Organizations.FirstOrDefaultAsync(ct);
        if (organization is null)
        {
            return null;
        }
        if (organization.AccountId is { } existing)
        {
            return existing;
        }
        var id = await db.InTransactionAsync(async () =>
        {
            var username = await UsernameAsync(organization.Name, ct);
            var user = await accounts.CreateOrganizationUserAsync(username, organization.DefaultLanguage, ct);
            var name = organization.Name.Length > ProfileService.MaxDisplayName ? organization.Name[..ProfileService.MaxDisplayName] : organization.Name;
            var note = organization.Description.Length > ProfileService.MaxNote ? organization.Description[..ProfileService.MaxNote] : organization.Description;
            organization.AccountId = user.Id;
            organization.Version++;
            audit.Add(null, AuditActions.OrganizationAccountCreate, AuditTarget.Account(user.Id), $"Created the organization's account @{username}.");
            await profiles.UpdateAsync(user.Id, new ProfileUpdate
            {
                DisplayName = name,
                Note = note,
                AreaName = organization.AreaName,
                AreaVisibility = ProfileVisibility.Public,
            }, ct);
            return (long?)user.Id;
        }, ct);
        settings.Invalidate();
        return id;
    }

    /// <summary>The organization's name as a username: "Neighbours Together" is @neighbourstogether.</summary>
    public async Task<string> UsernameAsync(string name, CancellationToken ct = default)
    {
        var letters = new string(TagNames.Normalize(name).Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_').ToArray());
        var candidate = letters.Length == 0 ? "community" : letters[..Math.Min(letters.Length, 24)];
        try
        {
            candidate = Usernames.Validate(candidate);
        }
        catch (KindredException)
        {
            candidate = "community";
        }
        foreach (var option in new[] { candidate, candidate + "_team", candidate + "_org" })
        {
            var normalized = Usernames.Normalize(option);
            if (!await db.Accounts.AnyAsync(a => a.UsernameNormalized == normalized && a.Domain == null, ct))
            {
                return option;
            }
        }
        return candidate + "_" + Snowflake.NewId().ToString(System.Globalization.CultureInfo.InvariantCulture)[^5..];
    }
}
