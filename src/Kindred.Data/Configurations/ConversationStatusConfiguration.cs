using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class ConversationStatusConfiguration : IEntityTypeConfiguration<ConversationStatus>
{
    public void Configure(EntityTypeBuilder<ConversationStatus> builder)
    {
        builder.HasKey(c => c.StatusId);
        builder.Property(c => c.StatusId).ValueGeneratedNever();
        builder.HasIndex(c => new { c.ConversationId, c.StatusId });
        builder.HasOne<Status>().WithOne().HasForeignKey<ConversationStatus>(c => c.StatusId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(c => c.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
