namespace Kindred.Core.Common.Email;

/// <summary>
/// Outgoing mail settings, bound from configuration section <see cref="SectionName"/>. Leave
/// <see cref="Host"/> empty to have messages written to <c>{data}/mail/*.eml</c> instead of sent, which is
/// what a fresh install, development and tests want.
/// </summary>
public sealed class EmailOptions
{
    public const string SectionName = "Kindred:Smtp";

    public string Host { get; set; } = string.Empty;

    /// <summary>587 is the submission port with STARTTLS; use 465 with <see cref="UseSsl"/>.</summary>
    public int Port { get; set; } = 587;

    /// <summary>When empty the server is used without authentication (a local relay).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>TLS from the first byte (port 465). When false, STARTTLS is used if the server offers it.</summary>
    public bool UseSsl { get; set; }

    /// <summary>
    /// Refuse to send when the server does not offer STARTTLS, so a password is never sent in clear text
    /// after a downgrade. Off by default because local relays often have no certificate.
    /// </summary>
    public bool RequireStartTls { get; set; }

    public string FromAddress { get; set; } = "noreply@localhost";

    public string FromName { get; set; } = "Kindred";
}
