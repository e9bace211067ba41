using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class StaffNoteEditConfiguration : IEntityTypeConfiguration<StaffNoteEdit>
{
    public void Configure(EntityTypeBuilder<StaffNoteEdit> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.OldText).HasMaxLength(5_000);
        builder.HasIndex(e => new { e.NoteId, e.Id });
        builder.HasOne<StaffNote>().WithMany().HasForeignKey(e => e.NoteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(e => e.EditedById).OnDelete(DeleteBehavior.Restrict);
    }
}
