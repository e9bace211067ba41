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
    public DigestOptions Digests { get; set; } = new();
    public InvitationOptions Invitations { get; set; } = new();
    public PlaceOptions Places { get; set; } = new();
    public OrganizationOptions Organization { get; set; } = new();
    public RedisOptions Redis { get; set; } = new();
    public MediaOptions Media { get; set; } = new();

    /// <summary>
    /// This process's node number in ids (1 to 63, ADR 93). Unset: a multi-node install (Redis set) leases one from the
    /// database; a single process is node 0.
    /// </summary>
    public int? NodeId { get; set; }

    /// <summary>
    /// The memory, in megabytes, that the parts of statuses a page shows again (their images and mentioned accounts)
    /// may take in this process (ADR 100); the least recently used are dropped beyond it.
    /// </summary>
    public int RenderCacheMegabytes { get; set; } = 32;
    public FederationOptions Federation { get; set; } = new();

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

        /// <summary>At most this many accounts are made from one address in an hour (ADR 73); 0 for no limit.</summary>
        public int MaxPerIpPerHour { get; set; } = 10;
    }

    /// <summary>ActivityPub federation (ADR 95, ADR 96).</summary>
    public sealed class FederationOptions
    {
        /// <summary>
        /// For trying federation between servers on one machine: fetches may use http:// and reach loopback and private
        /// addresses. Off by default, because then anyone on the fediverse could make this server call into its own network.
        /// </summary>
        public bool DevelopmentMode { get; set; }

        /// <summary>How long a delivery to another server keeps being retried (with growing waits) before it is dropped.</summary>
        public double DeliveryGiveUpDays { get; set; } = 2;

        /// <summary>Failed deliveries in a row after which a host is left alone for a while (the circuit breaker).</summary>
        public int CircuitBreakerFailures { get; set; } = 5;

        /// <summary>How long a host whose circuit opened is left alone before one delivery tries it again.</summary>
        public double CircuitBreakerMinutes { get; set; } = 10;
    }

    public sealed class OAuthOptions
    {
        /// <summary>The resource-owner password grant, for scripts and test automation only.</summary>
        public bool AllowPasswordGrant { get; set; }
    }

    public sealed class OrganizationOptions
    {
        /// <summary>An image file shown as the logo and favicon until an admin uploads one (ADR 90); a relative path is from the working directory.</summary>
        public string? LogoPath { get; set; }
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

    /// <summary>Digest e-mails (ADR 25).</summary>
    public sealed class DigestOptions
    {
        /// <summary>Whether this server process runs the digest job; several processes may all run it safely.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>How often, in seconds, the job looks for members whose digest is due.</summary>
        public double CheckSeconds { get; set; } = 300;

        /// <summary>How many due members one query picks; the job keeps taking batches until none is due.</summary>
        public int BatchSize { get; set; } = 50;

        /// <summary>The hour of the member's local day (their time zone, else UTC) at which digests are due.</summary>
        public int LocalHour { get; set; } = 8;

        /// <summary>How far from a member's home area a newcomer counts as "near", in kilometres.</summary>
        public double NearbyKm { get; set; } = 10;

        /// <summary>How long to wait, in seconds, before trying again when the mail server refused or was unreachable.</summary>
        public double RetrySeconds { get; set; } = 900;

        /// <summary>How many favourites and boosts together make a post "popular".</summary>
        public int PopularThreshold { get; set; } = 2;
    }

    public sealed class PlaceOptions
    {
        /// <summary>
        /// A Nominatim-compatible search endpoint (e.g. https://nominatim.openstreetmap.org/search) that fills a new place's
        /// centre when an admin leaves it empty (ADR 88). Unset (the default), no request about places ever leaves the server.
        /// </summary>
        public string? GeocoderUrl { get; set; }
    }

    public sealed class TelemetryOptions
    {
        /// <summary>An OTLP endpoint such as http://localhost:4317; unset keeps the exporter off.</summary>
        public string? OtlpEndpoint { get; set; }
    }

    /// <summary>Several nodes on one database (ADR 93): streaming events and rate limits go through Redis.</summary>
    public sealed class RedisOptions
    {
        /// <summary>A StackExchange.Redis configuration string such as localhost:6379; unset is the single process.</summary>
        public string? ConnectionString { get; set; }
    }

    /// <summary>Where uploaded pictures and exports are kept (ADR 98).</summary>
    public sealed class MediaOptions
    {
        /// <summary>"local" (the default: {DataDirectory}/media and {DataDirectory}/exports) or "s3".</summary>
        public string Store { get; set; } = "local";

        public S3Options S3 { get; set; } = new();
    }

    /// <summary>An S3-compatible object store (AWS, MinIO, Garage, Ceph…); every read is still proxied by the server.</summary>
    public sealed class S3Options
    {
        /// <summary>The service address, e.g. https://s3.eu-west-3.amazonaws.com or http://127.0.0.1:9000; unset means AWS by region.</summary>
        public string? Endpoint { get; set; }

        public string Bucket { get; set; } = "kindred";

        public string Region { get; set; } = "us-east-1";

        public string? AccessKey { get; set; }

        public string? SecretKey { get; set; }

        /// <summary>Addresses the bucket in the path (http://host/bucket/key) rather than the host name; most self-hosted stores need it.</summary>
        public bool PathStyle { get; set; } = true;

        /// <summary>How long one call to the store may take before the request answers 503, in seconds.</summary>
        public double TimeoutSeconds { get; set; } = 10;
    }
}
