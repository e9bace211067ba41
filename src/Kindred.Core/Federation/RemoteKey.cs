namespace Kindred.Core.Federation;

/// <summary>Another server's actor key: its id, the actor that owns it, and the key as PEM.</summary>
public sealed record RemoteKey(string KeyId, string Owner, string PublicKeyPem);
