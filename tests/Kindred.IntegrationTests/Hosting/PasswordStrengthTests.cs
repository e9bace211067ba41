using System.Buffers.Binary;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Hosting;

/// <summary>The server's own password hashing, without the fewer rounds every other test class uses to save time.</summary>
public sealed class ServerRoundsApp() : KindredApp(DatabaseKind.Sqlite)
{
    protected override bool FewerPasswordRounds => false;
}

public sealed class PasswordStrengthTests(ServerRoundsApp app) : IClassFixture<ServerRoundsApp>
{
    [Fact]
    public async Task A_stored_password_is_PBKDF2_with_HMAC_SHA512_at_210000_rounds()
    {
        var user = await app.CreateUserAsync("strong_hash");
        var hash = await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.PasswordHash).SingleAsync());

        // ASP.NET Core Identity's version 3 format: a marker byte, then the PRF, the round count and the salt length,
        // each a big-endian 32-bit number (https://learn.microsoft.com/aspnet/core/security/data-protection/consumer-apis/password-hashing).
        var bytes = Convert.FromBase64String(hash!);
        Assert.Equal(0x01, bytes[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)));
        Assert.Equal(210_000u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)));

        // And the member signs in with it.
        Assert.False(string.IsNullOrEmpty(await app.TokenAsync("strong_hash")));
    }

    [Fact]
    public async Task Every_other_test_class_hashes_at_fewer_rounds_and_still_verifies_the_real_algorithm()
    {
        await using var fast = new KindredApp(DatabaseKind.Sqlite);
        await fast.InitializeAsync();
        var user = await fast.CreateUserAsync("fast_hash");
        var hash = await fast.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.PasswordHash).SingleAsync());
        var bytes = Convert.FromBase64String(hash!);
        Assert.Equal((uint)KindredApp.TestPasswordRounds, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)));
        Assert.False(string.IsNullOrEmpty(await fast.TokenAsync("fast_hash")));
    }
}
