using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Code).HasMaxLength(64);
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.Note).HasMaxLength(500);
        builder.Property(i => i.Message).HasMaxLength(500);
        // "Invitations by e-mail today" for the daily cap reads by creator and time.
        builder.HasIndex(i => new { i.CreatedById, i.CreatedAt });
        builder.HasIndex(i => i.Code).IsUnique();
        builder.HasOne<Group>().WithMany().HasForeignKey(i => i.GroupId).OnDelete(DeleteBehavior.SetNull);
        // Uses is bumped with a guarded UPDATE; the token stops two sign-ups taking the last use at once.
        builder.Property(i => i.Uses).IsConcurrencyToken();
    }
}
