namespace Kindred.Data.Entities;

/// <summary>
/// The RSA-2048 key pair of one local actor, made the first time the actor is rendered or signs (ADR 95). The private
/// key is stored only as ASP.NET Data Protection ciphertext, so a copy of the database alone cannot sign as anyone.
/// </summary>
public class ActorKey
{
    public long Id { get; set; }
    public ActorKind OwnerKind { get; set; }
    public long OwnerId { get; set; }
    public required string PublicKeyPem { get; set; }
    public required string ProtectedPrivateKey { get; set; }
    public DateTime CreatedAt { get; set; }
}
