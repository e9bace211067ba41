using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class OAuthKeyConfiguration : IEntityTypeConfiguration<OAuthKey>
{
    public void Configure(EntityTypeBuilder<OAuthKey> builder)
    {
        builder.HasKey(k => k.Name);
        builder.Property(k => k.Name).HasMaxLength(20);
    }
}
