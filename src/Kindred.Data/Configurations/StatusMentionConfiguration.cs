using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class StatusMentionConfiguration : IEntityTypeConfiguration<StatusMention>
{
    public void Configure(EntityTypeBuilder<StatusMention> builder)
    {
        builder.HasKey(m => new { m.StatusId, m.AccountId });
        builder.HasIndex(m => m.AccountId);
        builder.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
