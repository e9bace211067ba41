using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class VettedHelperConfiguration : IEntityTypeConfiguration<VettedHelper>
{
    public void Configure(EntityTypeBuilder<VettedHelper> builder)
    {
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Note).HasMaxLength(2_000);
        builder.Property(v => v.RevokeNote).HasMaxLength(2_000);
        // "Is this person vetted now" is (AccountId, RevokedAt IS NULL).
        builder.HasIndex(v => new { v.AccountId, v.RevokedAt });
        builder.HasOne<Account>().WithMany().HasForeignKey(v => v.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(v => v.GrantedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(v => v.RevokedById).OnDelete(DeleteBehavior.Restrict);
    }
}
