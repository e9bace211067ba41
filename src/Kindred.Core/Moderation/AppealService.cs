using System.Globalization;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Moderation;

/// <summary>
/// Appeals of strikes (ADR 71): a member appeals each strike against them once, with a text; a moderator other than
/// the one who issued the strike decides. Approval undoes the strike through the undo's own changes
/// (<see cref="ModerationService.UndoChangesAsync"/>); rejection keeps it and tells the member why. The decision, its
/// audit entries and the member's notice are one SaveChanges.
/// </summary>
public sealed class AppealService(KindredDbContext db, ModerationService moderation, AuditLog audit, StrikeNotices notices, TimeProvider time)
{
    public const int MaxTextCharacters = 1_000;

    /// <summary>
    /// The member appeals their strike. <paramref name="memberId"/> is who the front door proved: the signed-in member,
    /// or a suspended member through the appeal ticket of the sign-in page. Someone else's strike is not found, so its
    /// existence is not revealed.
    /// </summary>
    public async Task<Appeal> CreateAsync(long memberId, long strikeId, string? text, CancellationToken ct = default)
    {
        var strike = await db.Strikes.AsNoTracking().FirstOrDefaultAsync(s => s.Id == strikeId && s.AccountId == memberId, ct)
            ?? throw KindredException.NotFound();
        var words = Words(text, "text", required: "Say why the decision should change.");
        if (strike.UndoneAt is not null)
        {
            throw KindredException.Conflict("This decision was withdrawn: there is nothing to appeal.");
        }
        if (await db.Appeals.AnyAsync(a => a.StrikeId == strikeId, ct))
        {
            throw KindredException.Conflict("You already appealed this decision. Each decision can be appealed once.");
        }
        var now = time.UtcNow();
        var appeal = new Appeal { Id = Snowflake.NewId(now), StrikeId = strike.Id, AccountId = memberId, Text = words, CreatedAt = now };
        db.Appeals.Add(appeal);
        audit.Add(memberId, AuditActions.AppealCreate, AuditTarget.Account(memberId),
            $"Appealed a moderation decision ({StrikeActions.Name(strike.Action)}).", after: "waiting");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A second request at once hit the unique index on the strike: the first appeal stands.
            db.ChangeTracker.Clear();
            throw KindredException.Conflict("You already appealed this decision. Each decision can be appealed once.");
        }
        return appeal;
    }

    /// <summary>
    /// A moderator decides a waiting appeal. The moderator who issued the strike may not (another pair of eyes is the
    /// point of an appeal); nor may anyone who could not have acted on the account. A rejection needs a reply.
    /// </summary>
    public async Task<Appeal> DecideAsync(long? viewerId, long appealId, bool approve, string? reply, string baseUrl, CancellationToken ct = default)
    {
        var moderator = await ModerationAccess.RequireAsync(db, viewerId, ct);
        var appeal = await db.Appeals.FirstOrDefaultAsync(a => a.Id == appealId, ct) ?? throw KindredException.NotFound();
        var strike = await db.Strikes.FirstAsync(s => s.Id == appeal.StrikeId, ct);
        var member = await db.Users.Include(u => u.Account).FirstOrDefaultAsync(u => u.Id == appeal.AccountId, ct) ?? throw KindredException.NotFound();
        if (!MayDecide(moderator, strike))
        {
            throw KindredException.Forbidden("You took this decision, so another moderator decides its appeal.");
        }
        if (!ModerationAccess.MayActOn(moderator, member.Role))
        {
            throw KindredException.Forbidden("You may not act on this account.");
        }
        if (appeal.DecidedAt is not null)
        {
            throw KindredException.Conflict("This appeal was already decided.");
        }
        var words = Words(reply, "reply", required: approve ? null : "Tell the member why the decision stays.");
        if (approve && strike.UndoneAt is null)
        {
            await moderation.UndoChangesAsync(moderator, strike, member, ct);
        }
        appeal.DecidedAt = time.UtcNow();
        appeal.DeciderId = moderator.Id;
        appeal.Approved = approve;
        appeal.Reply = words;
        audit.Add(moderator.Id, approve ? AuditActions.AppealApprove : AuditActions.AppealReject, AuditTarget.Account(member.Id),
            $"{(approve ? "Approved" : "Rejected")} the appeal of @{member.Account.Username} against \"{StrikeActions.Name(strike.Action)}\".",
            "waiting", approve ? "approved" : "rejected");
        notices.AddAppealDecision(member, strike, appeal, baseUrl);
        await db.SaveChangesAsync(ct);
        return appeal;
    }

    /// <summary>Whether this moderator may decide an appeal of <paramref name="strike"/>: anyone but its author.</summary>
    public static bool MayDecide(ModeratorViewer moderator, Strike strike) => strike.ModeratorId != moderator.Id;

    private static string Words(string? text, string field, string? required)
    {
        var words = text?.Trim() ?? "";
        if (words.Length == 0 && required is not null)
        {
            throw KindredException.Invalid(field, required);
        }
        return new StringInfo(words).LengthInTextElements <= MaxTextCharacters ? words
            : throw KindredException.Invalid(field, $"The text is too long (at most {MaxTextCharacters} characters).");
    }
}
