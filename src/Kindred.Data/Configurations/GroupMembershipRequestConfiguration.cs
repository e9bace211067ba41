using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class GroupMembershipRequestConfiguration : IEntityTypeConfiguration<GroupMembershipRequest>
{
    public void Configure(EntityTypeBuilder<GroupMembershipRequest> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Answer1).HasMaxLength(1_000);
        builder.Property(r => r.Answer2).HasMaxLength(1_000);
        builder.Property(r => r.Answer3).HasMaxLength(1_000);
        // One open request per person and group.
        builder.HasIndex(r => new { r.GroupId, r.AccountId }).IsUnique();
        builder.HasIndex(r => r.AccountId);
        builder.HasOne<Group>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
