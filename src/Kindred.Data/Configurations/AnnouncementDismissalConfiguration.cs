using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AnnouncementDismissalConfiguration : IEntityTypeConfiguration<AnnouncementDismissal>
{
    public void Configure(EntityTypeBuilder<AnnouncementDismissal> builder)
    {
        builder.HasKey(d => new { d.AnnouncementId, d.AccountId });
        builder.HasOne<Announcement>().WithMany().HasForeignKey(d => d.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.AccountId);
    }
}
