using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AidCategoryConfiguration : IEntityTypeConfiguration<AidCategory>
{
    public void Configure(EntityTypeBuilder<AidCategory> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Slug).HasMaxLength(40);
        builder.Property(c => c.Name).HasMaxLength(60);
        builder.HasIndex(c => c.Slug).IsUnique();
        // The built-in categories (ADR 27): small fixed ids, names translated in the interface by slug.
        builder.HasData(
            new AidCategory { Id = 1, Slug = "childcare", Position = 1 },
            new AidCategory { Id = 2, Slug = "shelter", Position = 2 },
            new AidCategory { Id = 3, Slug = "food", Position = 3 },
            new AidCategory { Id = 4, Slug = "transport", Position = 4 },
            new AidCategory { Id = 5, Slug = "listening", Position = 5 },
            new AidCategory { Id = 6, Slug = "errands", Position = 6 },
            new AidCategory { Id = 7, Slug = "skills", Position = 7 },
            new AidCategory { Id = 8, Slug = "other", Position = 8 });
    }
}
