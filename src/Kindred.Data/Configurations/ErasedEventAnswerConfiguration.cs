using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class ErasedEventAnswerConfiguration : IEntityTypeConfiguration<ErasedEventAnswer>
{
    public void Configure(EntityTypeBuilder<ErasedEventAnswer> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasIndex(a => new { a.EventId, a.OccurrenceStartsAt });
        builder.HasOne<Event>().WithMany().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
