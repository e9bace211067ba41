using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class GroupMembershipConfiguration : IEntityTypeConfiguration<GroupMembership>
{
    public void Configure(EntityTypeBuilder<GroupMembership> builder)
    {
        builder.HasKey(m => new { m.GroupId, m.AccountId });
        // "My groups" and the visibility rule's membership check look up by account.
        builder.HasIndex(m => new { m.AccountId, m.GroupId });
        builder.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Invitation>().WithMany().HasForeignKey(m => m.InvitationId).OnDelete(DeleteBehavior.SetNull);
    }
}
