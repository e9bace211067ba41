using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class ContactPauseConfiguration : IEntityTypeConfiguration<ContactPause>
{
    public void Configure(EntityTypeBuilder<ContactPause> builder)
    {
        builder.HasKey(p => new { p.EscalationId, p.PausedAccountId });
        // The check on every mention, message and follow: is this pair paused?
        builder.HasIndex(p => new { p.AccountId, p.PausedAccountId });
        builder.HasIndex(p => p.PausedAccountId);
        builder.HasOne<SafetyEscalation>().WithMany().HasForeignKey(p => p.EscalationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(p => p.PausedAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
