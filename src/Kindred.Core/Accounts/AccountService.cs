using System.Net.Mail;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Accounts;

/// <summary>Creating local accounts, the registration modes, approval and roles.</summary>
public sealed class AccountService(
    KindredDbContext db,
    UserManager<User> users,
    AccountEmails emails,
    IOptions<KindredOptions> options,
    AccountAccess access,
    AuditLog audit,
    OrganizationSettings organization,
    JobQueue jobs,
    TimeProvider time)
{
    public const int MaxApplicationLength = 2000;

    /// <summary>The job that tells those who decide applications that one waits (handled in Core/Staff, ADR 59).</summary>
    public const string ApplicationAlertKind = "application_alert";

    public async Task<User> CreateUserAsync(NewUser request, CancellationToken ct = default)
    {
        var user = await BuildUserAsync(request.Username, request.Email, request.Locale, ct);
        user.Role = request.Role;
        user.Status = UserStatus.Active;
        user.EmailConfirmed = true;
        user.ApprovedAt = user.CreatedAt;
        await SaveNewUserAsync(user, request.Password);
        return user;
    }

    /// <summary>
    /// The organization's own account (ADR 55): active, with no password and no digest, so that nobody signs in to it
    /// (sign-in also refuses it by name, in case a password is ever set). The address is in the reserved
    /// <c>.invalid</c> domain: no mail to it can reach anyone.
    /// </summary>
    public async Task<User> CreateOrganizationUserAsync(string username, string locale, CancellationToken ct = default)
    {
        var user = await BuildUserAsync(username, $"{username.ToLowerInvariant()}@organization.invalid", locale, ct);
        user.Role = UserRole.Member;
        user.Status = UserStatus.Active;
        user.EmailConfirmed = true;
        user.ApprovedAt = user.CreatedAt;
        user.DigestFrequency = DigestFrequency.Off;
        ThrowIfFailed(await users.CreateAsync(user), "username");
        return user;
    }

    /// <summary>
    /// Like <see cref="CreateUserAsync(NewUser, CancellationToken)"/>, with a password hash computed once by the caller:
    /// the demo community gives every member one password, and hashing it sixty times would cost seconds.
    /// </summary>
    /// <param name="invitation">The invitation the person signed up through, remembered as the referral; taking its use
    /// and joining its group is the caller's (<c>Invitations/InvitationService.UseForNewAccountAsync</c>, inside the
    /// caller's transaction).</param>
    internal async Task<User> CreateUserWithPasswordHashAsync(NewUser request, string passwordHash, Invitation? invitation = null, CancellationToken ct = default)
    {
        var user = await BuildUserAsync(request.Username, request.Email, request.Locale, ct);
        user.Role = request.Role;
        user.Status = UserStatus.Active;
        user.EmailConfirmed = true;
        user.ApprovedAt = user.CreatedAt;
        user.PasswordHash = passwordHash;
        user.InvitationId = invitation?.Id;
        user.InvitedById = invitation?.CreatedById;
        ThrowIfFailed(await users.CreateAsync(user), "username");
        return user;
    }

    /// <summary>
    /// The first checks of a sign-up, made before its invitation code is read: the server rules accepted, an application
    /// not too long. Returns the application, trimmed.
    /// </summary>
    public static string CheckForm(Registration request)
    {
        if (!request.AcceptedRules)
        {
            throw KindredException.Invalid("agreement", "Please accept the server rules to join.");
        }
        var applicationText = (request.ApplicationText ?? "").Trim();
        if (applicationText.Length > MaxApplicationLength)
        {
            throw KindredException.Invalid("reason", $"The application has at most {MaxApplicationLength} characters.");
        }
        return applicationText;
    }

    /// <summary>
    /// The account part of public sign-up, in whichever mode the operator chose, after <see cref="CheckForm"/> and the
    /// invitation's check (<c>Invitations/SignUpService</c>): builds the account without saving it. An address that
    /// already has an account gets the same answer as a new one, after the same checks and the same password hashing,
    /// and its owner is mailed instead; the answer's user is then null (ADR 47): sign-up must not tell a stranger who is
    /// a member.
    /// </summary>
    /// <param name="applicationText">What <see cref="CheckForm"/> returned.</param>
    /// <param name="invited">The person came with an invitation that was found active.</param>
    /// <param name="baseUrl">The server's public address, for the links in the mail.</param>
    /// <param name="ruleNeedsApproval">A sign-up IP rule asks for the admins' approval (<see cref="SignUpGuard"/>, ADR 73):
    /// the account waits as an application whatever the mode, without asking for an application text.</param>
    public async Task<Registered> PrepareRegistrationAsync(Registration request, string applicationText, bool invited, string baseUrl,
        bool ruleNeedsApproval = false, CancellationToken ct = default)
    {
        var settings = options.Value.Registrations;
        // The mode an admin chose on /admin/organization wins over the configured one (ADR 55).
        var mode = (await organization.GetAsync(ct)).RegistrationMode;
        if (!invited && mode == RegistrationMode.Invite)
        {
            throw KindredException.Forbidden("Joining is by invitation only.");
        }

        var needsApproval = mode == RegistrationMode.Approval && !(invited && options.Value.Invitations.SkipApproval);
        if (needsApproval && applicationText.Length == 0)
        {
            throw KindredException.Invalid("reason", "Tell us a little about why you would like to join.");
        }
        needsApproval |= ruleNeedsApproval;

        var user = await BuildUserAsync(request.Username, request.Email, request.Locale, ct, emailMayBeTaken: true);
        user.Role = UserRole.Member;
        user.Status = needsApproval ? UserStatus.Pending : UserStatus.Active;
        user.ApplicationText = applicationText.Length == 0 ? null : applicationText;
        user.EmailConfirmed = !settings.RequireEmailConfirmation;
        user.ApprovedAt = needsApproval ? null : user.CreatedAt;
        user.SignUpIp = SignUpGuard.Canonical(request.Ip)?.ToString();
        var answer = new Registered(user, settings.RequireEmailConfirmation, needsApproval);

        if (await users.FindByEmailAsync(user.Email!) is { } owner)
        {
            // The same refusals as for a new account (a weak password), the same hashing cost, then the owner's mail.
            foreach (var validator in users.PasswordValidators)
            {
                ThrowIfFailed(await validator.ValidateAsync(users, user, request.Password ?? ""), "password");
            }
            users.PasswordHasher.HashPassword(user, request.Password ?? "");
            if (owner.Status != UserStatus.Disabled)
            {
                await emails.QueueSignUpAttemptAsync(owner, baseUrl, ct);
            }
            return answer with { User = null };
        }
        if (needsApproval)
        {
            // Saved by the same SaveChanges as the account (SaveNewUserAsync): an application never waits unannounced.
            jobs.Add(ApplicationAlertKind, new ApplicationAlert(user.Id, baseUrl));
        }
        return answer;
    }

    /// <summary>Saves an account that <see cref="PrepareRegistrationAsync"/> built. Identity validates the password before
    /// it writes anything, so a weak password changes nothing.</summary>
    public async Task SaveNewUserAsync(User user, string password)
    {
        var result = await users.CreateAsync(user, password ?? "");
        if (!result.Succeeded)
        {
            // A refused password saves nothing, so the job queued for the account is dropped with it.
            foreach (var pending in db.ChangeTracker.Entries<Job>().Where(e => e.State == EntityState.Added).ToList())
            {
                pending.State = EntityState.Detached;
            }
        }
        ThrowIfFailed(result, "password");
    }

    /// <summary>Queues the confirmation mail of a saved sign-up, when the server asks for one.</summary>
    public async Task QueueConfirmationAsync(User user, string baseUrl, CancellationToken ct = default)
    {
        if (!user.EmailConfirmed)
        {
            await emails.QueueConfirmationAsync(user, baseUrl, ct);
        }
    }

    public async Task<IReadOnlyList<User>> PendingAsync(CancellationToken ct = default) =>
        await db.Users.Include(u => u.Account).Where(u => u.Status == UserStatus.Pending).OrderBy(u => u.Id).ToListAsync(ct);

    /// <param name="actorId">The admin deciding, for the audit log (ADR 56); null for the command line.</param>
    public async Task<User> ApproveAsync(long? actorId, long userId, CancellationToken ct = default)
    {
        var user = await PendingUserAsync(userId, ct);
        user.Status = UserStatus.Active;
        user.ApprovedAt = time.UtcNow();
        audit.Add(actorId, AuditActions.ApplicationApprove, AuditTarget.Account(user.Id), $"Approved the application of @{user.Account.Username}.");
        await db.SaveChangesAsync(ct);
        return user;
    }

    public async Task<User> RejectAsync(long? actorId, long userId, CancellationToken ct = default)
    {
        var user = await PendingUserAsync(userId, ct);
        user.Status = UserStatus.Rejected;
        audit.Add(actorId, AuditActions.ApplicationReject, AuditTarget.Account(user.Id), $"Rejected the application of @{user.Account.Username}.");
        await db.SaveChangesAsync(ct);
        return user;
    }

    public async Task<User> SetRoleAsync(long? actorId, UserRole actorRole, long userId, UserRole role, CancellationToken ct = default)
    {
        var user = await db.Users.Include(u => u.Account).FirstOrDefaultAsync(u => u.Id == userId, ct)
            ?? throw KindredException.NotFound("No such user.");
        if (!Roles.CanAssign(actorRole, user.Role, role))
        {
            throw KindredException.Forbidden("You may not give or take that role.");
        }
        if (user.Role == UserRole.Owner && role != UserRole.Owner
            && await db.Users.CountAsync(u => u.Role == UserRole.Owner, ct) == 1)
        {
            throw KindredException.Conflict("The organization needs at least one owner.");
        }
        if (user.Role == role)
        {
            return user;
        }
        var lost = Roles.Loses(user.Role, role);
        audit.Add(actorId, AuditActions.RoleChange, AuditTarget.Account(user.Id),
            $"Changed the role of @{user.Account.Username} from {Roles.Name(user.Role)} to {Roles.Name(role)}.", Roles.Name(user.Role), Roles.Name(role));
        user.Role = role;
        await db.SaveChangesAsync(ct);
        // A new stamp makes every signed-in browser pick up the new role at its next check.
        await users.UpdateSecurityStampAsync(user);
        if (lost)
        {
            // Tokens and sessions carry the role they were issued with: a lost role ends them all (ADR 44).
            await access.EndAllAsync(user.Id, AccessEndReason.RoleLoss, ct: ct);
        }
        return user;
    }

    /// <summary>Suspends a member (status Disabled): they can no longer sign in, and every session, token and stream of
    /// theirs ends at once (ADR 44).</summary>
    public async Task<User> SuspendAsync(long? actorId, UserRole actorRole, long userId, CancellationToken ct = default)
    {
        var user = await db.Users.Include(u => u.Account).FirstOrDefaultAsync(u => u.Id == userId, ct)
            ?? throw KindredException.NotFound("No such user.");
        if (!Roles.CanSuspend(actorRole, user.Role))
        {
            throw KindredException.Forbidden("You may not suspend this member.");
        }
        if (user.Status != UserStatus.Disabled)
        {
            audit.Add(actorId, AuditActions.AccountSuspend, AuditTarget.Account(user.Id), $"Suspended @{user.Account.Username}.",
                user.Status.ToString().ToLowerInvariant(), "disabled");
        }
        user.Status = UserStatus.Disabled;
        await db.SaveChangesAsync(ct);
        await access.EndAllAsync(user.Id, AccessEndReason.Suspension, ct: ct);
        return user;
    }

    public async Task ResetPasswordAsync(long userId, string newPassword, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ?? throw KindredException.NotFound("No such user.");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        ThrowIfFailed(await users.ResetPasswordAsync(user, token, newPassword), "password");
        await access.EndAllAsync(user.Id, AccessEndReason.PasswordReset, ct: ct);
    }

    public Task<User?> FindLocalAsync(string username, CancellationToken ct = default)
    {
        var normalized = Usernames.Normalize(username);
        return db.Users.Include(u => u.Account).FirstOrDefaultAsync(u => u.Account.UsernameNormalized == normalized && u.Account.Domain == null, ct);
    }

    private async Task<User> PendingUserAsync(long userId, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Account).FirstOrDefaultAsync(u => u.Id == userId, ct)
            ?? throw KindredException.NotFound("No such user.");
        if (user.Status != UserStatus.Pending)
        {
            throw KindredException.Conflict("This application has already been decided.");
        }
        return user;
    }

    /// <param name="emailMayBeTaken">The caller checks the address itself (sign-up answers the same either way).</param>
    private async Task<User> BuildUserAsync(string username, string email, string locale, CancellationToken ct, bool emailMayBeTaken = false)
    {
        var name = Usernames.Validate(username);
        var address = ValidateEmail(email);
        var language = Languages.Validate(locale, "locale");
        var normalized = Usernames.Normalize(name);
        // A deleted member's username is never given again (ADR 70), and the answer does not tell it from a taken one.
        if (await db.Accounts.AnyAsync(a => a.UsernameNormalized == normalized && a.Domain == null, ct)
            || await db.ReservedUsernames.AnyAsync(r => r.UsernameNormalized == normalized, ct))
        {
            throw KindredException.Invalid("username", "That username is taken.");
        }
        if (!emailMayBeTaken && await users.FindByEmailAsync(address) is not null)
        {
            throw KindredException.Invalid("email", "An account with this e-mail address already exists.");
        }
        var now = time.UtcNow();
        var id = Snowflake.NewId(now);
        var account = new Account
        {
            Id = id,
            Username = name,
            UsernameNormalized = normalized,
            DisplayName = name,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return new User
        {
            Id = id,
            UserName = name,
            Email = address,
            Account = account,
            Locale = language,
            CreatedAt = now,
        };
    }

    public static string ValidateEmail(string? email)
    {
        var address = (email ?? "").Trim();
        if (address.Length is 0 or > 254 || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || !address.Contains('.', StringComparison.Ordinal))
        {
            throw KindredException.Invalid("email", "Enter a valid e-mail address.");
        }
        return address;
    }

    internal static void ThrowIfFailed(IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            var message = string.Join(" ", result.Errors.Select(e => e.Description));
            var target = result.Errors.Any(e => e.Code.Contains("Email", StringComparison.Ordinal)) ? "email"
                : result.Errors.Any(e => e.Code.Contains("UserName", StringComparison.Ordinal)) ? "username"
                : field;
            throw KindredException.Invalid(target, message);
        }
    }
}
