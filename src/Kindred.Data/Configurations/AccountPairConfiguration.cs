using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

/// <summary>
/// The shape shared by follows, follow requests, blocks and mutes: one account acting on another, once per pair,
/// listed by id from either side. Property names as strings keep the four tables' columns and indexes identical.
/// </summary>
public abstract class AccountPairConfiguration<T> : IEntityTypeConfiguration<T>
    where T : class
{
    public virtual void Configure(EntityTypeBuilder<T> builder)
    {
        builder.Property<long>("Id").ValueGeneratedNever();
        builder.HasIndex("AccountId", "TargetAccountId").IsUnique();
        // Lists page by id from either side: the accounts one acts on, and the accounts that act on one.
        builder.HasIndex("AccountId", "Id");
        builder.HasIndex("TargetAccountId", "Id");
        builder.HasOne<Account>().WithMany().HasForeignKey("AccountId").OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey("TargetAccountId").OnDelete(DeleteBehavior.Cascade);
    }
}
