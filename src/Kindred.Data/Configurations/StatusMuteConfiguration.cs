using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class StatusMuteConfiguration : IEntityTypeConfiguration<StatusMute>
{
    public void Configure(EntityTypeBuilder<StatusMute> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasIndex(m => new { m.AccountId, m.StatusId }).IsUnique();
        builder.HasIndex(m => m.StatusId);
        builder.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Status>().WithMany().HasForeignKey(m => m.StatusId).OnDelete(DeleteBehavior.Cascade);
    }
}
