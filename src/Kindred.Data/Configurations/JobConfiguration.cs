using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.Kind).HasMaxLength(100);
        builder.Property(j => j.ClaimedBy).HasMaxLength(200);
        builder.Property(j => j.LastError).HasMaxLength(1000);
        builder.Property(j => j.IdempotencyKey).HasMaxLength(200);
        // Both databases let several rows have no key; a key is taken once per kind.
        builder.HasIndex(j => new { j.Kind, j.IdempotencyKey }).IsUnique();
        // The runner's one question: which jobs are due (pending by run time, running by claim expiry).
        builder.HasIndex(j => new { j.State, j.RunAt });
    }
}
