using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AccountNoteConfiguration : AccountPairConfiguration<AccountNote>
{
    public override void Configure(EntityTypeBuilder<AccountNote> builder)
    {
        base.Configure(builder);
        builder.Property(n => n.Comment).HasMaxLength(2000);
    }
}
