namespace Kindred.Core.Federation.Signatures;

/// <summary>A parsed draft-cavage <c>Signature</c> header: who signed, with what, over which headers.</summary>
public sealed record CavageSignature(string KeyId, string? Algorithm, IReadOnlyList<string> Headers, byte[] Signature, long? Created, long? Expires);
