using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AccountListMemberConfiguration : IEntityTypeConfiguration<AccountListMember>
{
    public void Configure(EntityTypeBuilder<AccountListMember> builder)
    {
        builder.ToTable("ListMembers");
        builder.Property(m => m.Id).ValueGeneratedNever();
        // Members page by id per list; unfollowing and "which lists hold this account" look up by account.
        builder.HasIndex(m => new { m.ListId, m.AccountId }).IsUnique();
        builder.HasIndex(m => new { m.ListId, m.Id });
        builder.HasIndex(m => m.AccountId);
        builder.HasOne<AccountList>().WithMany().HasForeignKey(m => m.ListId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
