using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class CustomEmojiConfiguration : IEntityTypeConfiguration<CustomEmoji>
{
    public void Configure(EntityTypeBuilder<CustomEmoji> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Shortcode).HasMaxLength(60);
        builder.Property(e => e.File).HasMaxLength(200);
        builder.Property(e => e.Category).HasMaxLength(60);
        builder.HasIndex(e => e.Shortcode).IsUnique();
    }
}
