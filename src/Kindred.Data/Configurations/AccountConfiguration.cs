using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Username).HasMaxLength(30);
        builder.Property(a => a.UsernameNormalized).HasMaxLength(30);
        builder.Property(a => a.Domain).HasMaxLength(253);
        builder.Property(a => a.DisplayName).HasMaxLength(100);
        builder.Property(a => a.Note).HasMaxLength(1000);
        builder.Property(a => a.AreaName).HasMaxLength(100);
        builder.Property(a => a.AvatarFile).HasMaxLength(200);
        builder.Property(a => a.HeaderFile).HasMaxLength(200);
        // Null domain means local; a unique index over (username, domain) needs a non-null stand-in on both
        // providers, so local uniqueness is its own filtered index.
        builder.HasIndex(a => new { a.UsernameNormalized, a.Domain }).IsUnique();
        builder.HasIndex(a => a.UsernameNormalized).IsUnique().HasFilter("\"Domain\" IS NULL").HasDatabaseName("IX_Accounts_LocalUsername");
        builder.HasMany(a => a.Fields).WithOne().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Tags).WithOne().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.User).WithOne(u => u.Account).HasForeignKey<User>(u => u.Id).OnDelete(DeleteBehavior.Cascade);
    }
}
