namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>One delivery the loopback peer received from Kindred, with the headers its signature covers.</summary>
public sealed record ReceivedDelivery(string Path, string Signature, string Date, string Digest, string Host, string Body);
