using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class RemoteActorConfiguration : IEntityTypeConfiguration<RemoteActor>
{
    public void Configure(EntityTypeBuilder<RemoteActor> builder)
    {
        builder.HasKey(a => a.AccountId);
        builder.Property(a => a.AccountId).ValueGeneratedNever();
        // One account per actor: two deliveries naming a new actor at once make one account, the other insert fails.
        builder.HasIndex(a => a.ActorUri).IsUnique();
        builder.Property(a => a.ActorUri).HasMaxLength(2048);
        builder.Property(a => a.Inbox).HasMaxLength(2048);
        builder.Property(a => a.SharedInbox).HasMaxLength(2048);
        builder.Property(a => a.ProfileUrl).HasMaxLength(2048);
        builder.HasOne<Account>().WithOne().HasForeignKey<RemoteActor>(a => a.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
