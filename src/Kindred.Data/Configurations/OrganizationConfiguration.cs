using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Name).HasMaxLength(100);
        builder.Property(o => o.Description).HasMaxLength(1000);
        builder.Property(o => o.DefaultLanguage).HasMaxLength(10);
        builder.Property(o => o.AreaName).HasMaxLength(100);
        builder.Property(o => o.ContactEmail).HasMaxLength(256);
        builder.Property(o => o.LongDescription).HasMaxLength(10_000);
        builder.Property(o => o.TimeZone).HasMaxLength(64);
        builder.Property(o => o.RegistrationMode).HasMaxLength(16);
        builder.Property(o => o.AccentColor).HasMaxLength(7);
        builder.Property(o => o.LinkColor).HasMaxLength(7);
        builder.Property(o => o.PrivacyPolicy).HasMaxLength(50_000);
        builder.Property(o => o.Terms).HasMaxLength(50_000);
        builder.HasOne<Account>().WithMany().HasForeignKey(o => o.AccountId).OnDelete(DeleteBehavior.SetNull);
    }
}
