using Kindred.Core.Common;

namespace Kindred.Server.Mastodon;

/// <summary>
/// What Mastodon answers for an API path it does not have, for every verb: 404 with <c>{"error":"Record not found"}</c>.
/// Without it a GET fell through to the web's HTML not-found page and a POST to the pages' form handling (an empty
/// 400), and apps that probe for a feature read either as a broken server (ADR 77).
/// </summary>
public static class UnknownApiRoute
{
    public static IResult Answer() => MastodonErrors.Render(KindredException.NotFound());
}
