using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>
/// One of two nodes that both run every job kind on their own runner, on one PostgreSQL database, one mail server and
/// one data directory (the shared media store), as an operator's nodes do (ADR 103). Every scan looks each second.
/// </summary>
public sealed class JobNodeApp : DigestApp
{
    public JobNodeApp(JobNodeApp? sameDatabaseAs = null)
        : base(DatabaseKind.Postgres, sameDatabaseAs)
    {
        // Nothing paused, mail included: each node's runner competes for every job.
        Set("Kindred:Jobs:Paused", "");
        Set("Kindred:Jobs:PollSeconds", "0.2");
        Set("Kindred:Digests:Enabled", "true");
        Set("Kindred:Digests:CheckSeconds", "1");
        Set("Kindred:Events:Reminders:Enabled", "true");
        Set("Kindred:Events:Reminders:CheckSeconds", "1");
        Set("Kindred:Aid:MatchCheckSeconds", "1");
        Set("Kindred:Aid:ExpiryCheckSeconds", "1");
        Set("Kindred:Polls:ExpiryCheckSeconds", "1");
        // The peer is a loopback server.
        Set("Kindred:Federation:DevelopmentMode", "true");
    }
}
