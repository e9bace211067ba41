using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Organizations;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Setup;

/// <summary>First run: creates the organization, its own account (ADR 55) and its owner. Until then nothing else is reachable.</summary>
public sealed class SetupService(
    KindredDbContext db, AccountService accounts, OrganizationAccounts organizationAccounts, OrganizationSettings settings, SetupState state, TimeProvider time)
{
    public async Task<bool> IsCompleteAsync(CancellationToken ct = default)
    {
        if (state.IsComplete)
        {
            return true;
        }
        var done = await db.Organizations.AnyAsync(ct);
        if (done)
        {
            state.MarkComplete();
        }
        return done;
    }

    public async Task<Organization> CompleteAsync(SetupRequest request, CancellationToken ct = default)
    {
        var name = (request.OrganizationName ?? "").Trim();
        if (name.Length is 0 or > 100)
        {
            throw KindredException.Invalid("organizationName", "Give the organization a name of at most 100 characters.");
        }
        var description = (request.Description ?? "").Trim();
        if (description.Length > 1000)
        {
            throw KindredException.Invalid("description", "The description has at most 1,000 characters.");
        }
        var language = Languages.Validate(request.DefaultLanguage, "defaultLanguage");
        var area = (request.AreaName ?? "").Trim();
        if (area.Length > 100)
        {
            throw KindredException.Invalid("areaName", "The area name has at most 100 characters.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.Organizations.AnyAsync(ct))
        {
            throw KindredException.Conflict("Setup has already been completed.");
        }
        var organization = new Organization
        {
            Name = name,
            Description = description,
            DefaultLanguage = language,
            AreaName = area.Length == 0 ? null : area,
            ContactEmail = request.Email?.Trim() ?? "",
            CreatedAt = time.UtcNow(),
        };
        db.Organizations.Add(organization);
        await accounts.CreateUserAsync(new NewUser(request.Username ?? "", request.Email ?? "", request.Password ?? "", UserRole.Owner, language), ct);
        await db.SaveChangesAsync(ct);
        await organizationAccounts.EnsureAsync(ct);
        await transaction.CommitAsync(ct);
        settings.Invalidate();
        state.MarkComplete();
        return organization;
    }
}
