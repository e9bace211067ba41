using Kindred.Data.Entities;

namespace Kindred.Core.Statuses;

/// <summary>
/// Who a reply is for when its writer has not said (ADR 86): the web composer's first choice and the API's default when
/// an app leaves <c>visibility</c> out. A reply starts with its parent's audience, so a public conversation stays public
/// and a members-only, followers-only or direct one stays as it was; the member's own posting default may only narrow a
/// public or unlisted parent, never widen any. <see cref="StatusService"/> still keeps a reply to a members-only post
/// among members whatever is asked.
/// </summary>
public static class ReplyVisibility
{
    public static Audience Default(Audience parent, Audience? memberDefault) =>
        parent is Audience.Public or Audience.Unlisted && memberDefault is { } own && Width(own) < Width(parent) ? own : parent;

    // How far a post may travel, widest first; members-only never leaves the server, followers-only may federate to
    // followers elsewhere but reaches fewer people than every member.
    private static int Width(Audience audience) => audience switch
    {
        Audience.Public => 4,
        Audience.Unlisted => 3,
        Audience.Members => 2,
        Audience.Private => 1,
        _ => 0,
    };
}
