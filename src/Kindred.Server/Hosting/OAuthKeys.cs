using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Hosting;

/// <summary>
/// The OAuth server's signing and encryption certificates, made once and kept in the database (<see cref="OAuthKey"/>),
/// so tokens survive a restart and every node of a multi-node install signs and reads them with the same keys (ADR 93).
/// An install from before keeps its certificates: the first start finds them in {DataDirectory}/keys and stores them.
/// </summary>
public static class OAuthKeys
{
    public static X509Certificate2 LoadOrCreate(KindredDbContext db, string dataDirectory, string name)
    {
        if (db.OAuthKeys.AsNoTracking().FirstOrDefault(k => k.Name == name) is { } stored)
        {
            return Load(stored.Pkcs12);
        }
        var path = Path.Combine(dataDirectory, "keys", $"oauth-{name}.pfx");
        var bytes = File.Exists(path) ? File.ReadAllBytes(path) : Create(name);
        db.OAuthKeys.Add(new OAuthKey { Name = name, Pkcs12 = bytes, CreatedAt = DateTime.UtcNow });
        try
        {
            db.SaveChanges();
            return Load(bytes);
        }
        catch (DbUpdateException)
        {
            // Two nodes starting at once: the first row wins and both use it.
            db.ChangeTracker.Clear();
            return Load(db.OAuthKeys.AsNoTracking().First(k => k.Name == name).Pkcs12);
        }
    }

    private static X509Certificate2 Load(byte[] pkcs12) =>
        X509CertificateLoader.LoadPkcs12(pkcs12, password: null, X509KeyStorageFlags.EphemeralKeySet);

    private static byte[] Create(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=Kindred OAuth {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var usage = name == "signing" ? X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.KeyEncipherment;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(50));
        return certificate.Export(X509ContentType.Pkcs12);
    }
}
