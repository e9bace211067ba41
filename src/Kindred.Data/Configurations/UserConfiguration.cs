using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.ApplicationText).HasMaxLength(2000);
        builder.Property(u => u.Locale).HasMaxLength(10);
        builder.Property(u => u.PostingLanguage).HasMaxLength(10);
        builder.HasIndex(u => u.Status);
        builder.HasIndex(u => u.InvitedById);
        builder.Property(u => u.TimeZone).HasMaxLength(64);
        // The digest job looks for members whose digest is due.
        builder.HasIndex(u => u.DigestDueAt);
        // "Who joined through this link" on the my-invitations page and in the API.
        builder.HasIndex(u => u.InvitationId);
        builder.Property(u => u.CalendarFeedToken).HasMaxLength(64);
        builder.HasIndex(u => u.CalendarFeedToken).IsUnique();
        // The sign-up throttle counts the recent sign-ups from one address (ADR 73).
        builder.Property(u => u.SignUpIp).HasMaxLength(45);
        builder.HasIndex(u => new { u.SignUpIp, u.CreatedAt });
    }
}
