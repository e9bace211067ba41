using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class ModeratorNoteConfiguration : IEntityTypeConfiguration<ModeratorNote>
{
    public void Configure(EntityTypeBuilder<ModeratorNote> builder)
    {
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Text).HasMaxLength(5_000);
        builder.HasIndex(n => new { n.AccountId, n.Id });
        builder.HasOne<Account>().WithMany().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.SetNull);
    }
}
