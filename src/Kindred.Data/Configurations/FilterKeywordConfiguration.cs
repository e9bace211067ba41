using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class FilterKeywordConfiguration : IEntityTypeConfiguration<FilterKeyword>
{
    public void Configure(EntityTypeBuilder<FilterKeyword> builder)
    {
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Keyword).HasMaxLength(200);
        builder.HasIndex(k => k.FilterId);
    }
}
