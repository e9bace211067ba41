using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class EmailDomainBlockConfiguration : IEntityTypeConfiguration<EmailDomainBlock>
{
    public void Configure(EntityTypeBuilder<EmailDomainBlock> builder)
    {
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Domain).HasMaxLength(253);
        builder.HasIndex(b => b.Domain).IsUnique();
        builder.HasOne<Account>().WithMany().HasForeignKey(b => b.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}
