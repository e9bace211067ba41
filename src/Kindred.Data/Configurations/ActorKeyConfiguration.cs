using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class ActorKeyConfiguration : IEntityTypeConfiguration<ActorKey>
{
    public void Configure(EntityTypeBuilder<ActorKey> builder)
    {
        // One key per actor: two requests racing to make it collide here and the loser reads the winner's.
        builder.HasIndex(k => new { k.OwnerKind, k.OwnerId }).IsUnique();
        builder.Property(k => k.PublicKeyPem).HasMaxLength(1000);
        builder.Property(k => k.ProtectedPrivateKey).HasMaxLength(4000);
    }
}
