using Kindred.Core.Polls;

namespace Kindred.Server.Mastodon.Polls;

/// <summary>Reads poll[options][], poll[expires_in], poll[multiple] and poll[hide_totals] from a status request
/// (forms and JSON bodies alike, through <see cref="MastodonParams"/>).</summary>
public static class PollParams
{
    /// <summary>The requested poll, or null when the request has none. The rules are checked by the core.</summary>
    public static NewPoll? Read(MastodonParams input)
    {
        if (!input.Has("poll[options]") && !input.Has("poll[expires_in]"))
        {
            return null;
        }
        var options = input.List("poll[options]");
        if (options.Any(o => o.Length > 1_000))
        {
            throw Core.Common.KindredException.Invalid("poll[options]", $"Each poll option has at most {PollService.MaxCharactersPerOption} characters.");
        }
        return new NewPoll(
            options,
            input.WholeNumber("poll[expires_in]"),
            input.Bool("poll[multiple]") ?? false,
            input.Bool("poll[hide_totals]") ?? false);
    }
}
