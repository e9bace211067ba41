using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class NotificationPermissionConfiguration : IEntityTypeConfiguration<NotificationPermission>
{
    public void Configure(EntityTypeBuilder<NotificationPermission> builder)
    {
        builder.HasKey(p => new { p.AccountId, p.FromAccountId });
        builder.HasIndex(p => p.FromAccountId);
        builder.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(p => p.FromAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
