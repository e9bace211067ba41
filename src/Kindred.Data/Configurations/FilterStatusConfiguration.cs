using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class FilterStatusConfiguration : IEntityTypeConfiguration<FilterStatus>
{
    public void Configure(EntityTypeBuilder<FilterStatus> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasIndex(s => new { s.FilterId, s.StatusId }).IsUnique();
        // Deleting a status (the deletion job removes rows) takes its filter entries with it.
        builder.HasOne<Status>().WithMany().HasForeignKey(s => s.StatusId).OnDelete(DeleteBehavior.Cascade);
    }
}
