namespace Kindred.Core.Federation.Signatures;

/// <summary>
/// One RFC 9421 signature: its label, the covered components, its parameters and the
/// <c>@signature-params</c> value exactly as the signer serialized it in <c>Signature-Input</c>.
/// </summary>
public sealed record MessageSignature(
    string Label,
    IReadOnlyList<string> Components,
    string SignatureParams,
    string? KeyId,
    string? Algorithm,
    long? Created,
    long? Expires,
    byte[] Signature);
