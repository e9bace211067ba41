namespace Kindred.Core.Common;

public enum RegistrationMode
{
    Open,
    Approval,
    Invite,
}

/// <summary>The "Kindred" configuration section. Every key is documented in the README.</summary>
public sealed class KindredOptions
{
    public const string Section = "Kindred";

    /// <summary>Holds the SQLite database, media, keys and outgoing mail files. Relative paths are taken from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The address people reach this server at, e.g. https://community.example.org. Used in links, e-mails and the API.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Where the source code this server runs can be found (Mastodon's instance source_url); unset, the server's own address.</summary>
    public string? SourceUrl { get; set; }

    public DatabaseOptions Database { get; set; } = new();
    public RegistrationOptions Registrations { get; set; } = new();
    public OAuthOptions OAuth { get; set; } = new();
    public Email.EmailOptions Smtp { get; set; } = new();
    public TelemetryOptions Telemetry { get; set; } = new();
    public PollOptions Polls { get; set; } = new();
    public InvitationOptions Invitations { get; set; } = new();

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public sealed class DatabaseOptions
    {
        /// <summary>"sqlite" (the default) or "postgres".</summary>
        public string Provider { get; set; } = "sqlite";

        /// <summary>Unset for SQLite means {DataDirectory}/kindred.db. Required for PostgreSQL.</summary>
        public string? ConnectionString { get; set; }
    }

    public sealed class RegistrationOptions
    {
        public RegistrationMode Mode { get; set; } = RegistrationMode.Approval;

        /// <summary>Whether a new account must confirm its e-mail address before it can sign in.</summary>
        public bool RequireEmailConfirmation { get; set; } = true;
    }

    public sealed class OAuthOptions
    {
        /// <summary>The resource-owner password grant, for scripts and test automation only.</summary>
        public bool AllowPasswordGrant { get; set; }
    }

    public sealed class InvitationOptions
    {
        /// <summary>Whether every member may invite people (links and e-mails); staff and moderators always may.</summary>
        public bool MembersMayInvite { get; set; } = true;

        /// <summary>In approval mode, whether someone who signs up with an invitation skips the approval queue.</summary>
        public bool SkipApproval { get; set; } = true;

        /// <summary>How many invitation e-mails one member may send in 24 hours.</summary>
        public int EmailsPerDay { get; set; } = 20;
    }

    public sealed class PollOptions
    {
        /// <summary>How often, in seconds, the server looks for polls that have closed, to notify their voters and author.</summary>
        public double ExpiryCheckSeconds { get; set; } = 15;
    }

    public sealed class TelemetryOptions
    {
        /// <summary>An OTLP endpoint such as http://localhost:4317; unset keeps the exporter off.</summary>
        public string? OtlpEndpoint { get; set; }
    }
}
