using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.ToAddress).HasMaxLength(254);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.Property(m => m.Error).HasMaxLength(500);
        // The job's one question: which mails are due, in either open state.
        builder.HasIndex(m => new { m.State, m.DueAt });
    }
}
