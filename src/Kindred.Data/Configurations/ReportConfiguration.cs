using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Comment).HasMaxLength(4_000);
        builder.Property(r => r.TargetUsername).HasMaxLength(30);
        builder.Property(r => r.TargetDisplayName).HasMaxLength(100);
        // Stored by name, so the database reads the way the API speaks.
        builder.Property(r => r.Category).HasConversion<string>().HasMaxLength(16);
        // The staff list reads open reports newest first; each account's reports are found for the later console.
        builder.HasIndex(r => new { r.ActionTakenAt, r.Id });
        builder.HasIndex(r => r.TargetAccountId);
        builder.HasIndex(r => r.AccountId);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.TargetAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.ActionTakenByAccountId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AssignedAccountId).OnDelete(DeleteBehavior.SetNull);
    }
}
