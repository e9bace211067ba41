using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class GroupBanConfiguration : IEntityTypeConfiguration<GroupBan>
{
    public void Configure(EntityTypeBuilder<GroupBan> builder)
    {
        builder.HasKey(b => new { b.GroupId, b.AccountId });
        builder.Property(b => b.Reason).HasMaxLength(500);
        builder.HasOne<Group>().WithMany().HasForeignKey(b => b.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(b => b.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(b => b.BannedById).OnDelete(DeleteBehavior.SetNull);
    }
}
