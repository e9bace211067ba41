namespace Kindred.Data.Entities;

/// <summary>
/// The server's VAPID key pair (RFC 8292), made at first start. One row, in the database like the data-protection keys,
/// so every node signs with the same key and the subscriptions browsers made against its public key keep working.
/// </summary>
public class WebPushKey
{
    public int Id { get; set; }

    /// <summary>The uncompressed P-256 public point, base64url (what browsers take as applicationServerKey).</summary>
    public string PublicKey { get; set; } = "";

    /// <summary>The private scalar, base64url.</summary>
    public string PrivateKey { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
