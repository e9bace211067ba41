using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kindred.Server.Hosting;

/// <summary>The OAuth server's signing and encryption certificates, made once and kept in {DataDirectory}/keys
/// so tokens survive a restart.</summary>
public static class OAuthKeys
{
    public static X509Certificate2 LoadOrCreate(string dataDirectory, string name)
    {
        var directory = Path.Combine(dataDirectory, "keys");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"oauth-{name}.pfx");
        if (File.Exists(path))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.EphemeralKeySet);
        }
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=Kindred OAuth {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var usage = name == "signing" ? X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.KeyEncipherment;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(50));
        var bytes = certificate.Export(X509ContentType.Pkcs12);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        // Two nodes starting at once on a shared folder: the first rename wins and both load the winner.
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temporary);
        }
        return X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
