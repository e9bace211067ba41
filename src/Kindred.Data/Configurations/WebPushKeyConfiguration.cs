using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class WebPushKeyConfiguration : IEntityTypeConfiguration<WebPushKey>
{
    public void Configure(EntityTypeBuilder<WebPushKey> builder)
    {
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.PublicKey).HasMaxLength(200);
        builder.Property(k => k.PrivateKey).HasMaxLength(200);
    }
}
