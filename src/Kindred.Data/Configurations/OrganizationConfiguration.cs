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
    }
}
