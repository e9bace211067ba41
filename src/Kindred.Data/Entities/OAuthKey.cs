namespace Kindred.Data.Entities;

/// <summary>
/// One of the OAuth server's certificates ("signing" or "encryption"), made at first start and kept in the database like
/// the data-protection keys (ADR 93), so every node signs and reads tokens with the same keys.
/// </summary>
public class OAuthKey
{
    public required string Name { get; set; }

    /// <summary>The certificate and its private key as PKCS #12 without a password: as safe as the database it is in,
    /// like the VAPID key and the data-protection keys.</summary>
    public required byte[] Pkcs12 { get; set; }

    public DateTime CreatedAt { get; set; }
}
