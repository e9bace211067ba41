using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenIddict.EntityFrameworkCore.Models;

namespace Kindred.Data.Configurations;

public sealed class WebPushSubscriptionConfiguration : IEntityTypeConfiguration<WebPushSubscription>
{
    public void Configure(EntityTypeBuilder<WebPushSubscription> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.TokenId).HasMaxLength(100);
        builder.Property(s => s.Endpoint).HasMaxLength(2000);
        builder.Property(s => s.P256dh).HasMaxLength(200);
        builder.Property(s => s.Auth).HasMaxLength(100);
        builder.Property(s => s.Alerts).HasMaxLength(1000);
        builder.HasIndex(s => s.AccountId);
        // One subscription per token and per session: creating another replaces it.
        builder.HasIndex(s => s.TokenId).IsUnique();
        builder.HasIndex(s => s.SessionId).IsUnique();
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<OpenIddictEntityFrameworkCoreToken>().WithMany().HasForeignKey(s => s.TokenId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserSession>().WithMany().HasForeignKey(s => s.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
