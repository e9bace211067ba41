using System.Text;
using Kindred.Core.Federation.Signatures;

namespace Kindred.UnitTests.Federation.Signatures;

/// <summary>RFC 9421 HTTP Message Signatures with the RFC's own test request and keys (appendix B).</summary>
public sealed class MessageSignaturesTests
{
    private static SignedMessage TestRequest(Dictionary<string, string>? extra = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = "example.com",
            ["Date"] = "Tue, 20 Apr 2021 02:07:55 GMT",
            ["Content-Type"] = "application/json",
            ["Content-Digest"] = "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
            ["Content-Length"] = "18",
        };
        foreach (var (name, value) in extra ?? [])
        {
            headers[name] = value;
        }
        return new SignedMessage("POST", "https", "example.com", "/foo?param=Value&Pet=dog", headers, Encoding.UTF8.GetBytes("{\"hello\": \"world\"}"));
    }

    [Fact]
    public void TheMinimalRsaPssExampleOfAppendixB21Verifies()
    {
        var signature = MessageSignatures.Parse(
            "sig-b21=();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"",
            "sig-b21=:d2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopemLJcWDy/lkbbHAve4cRAtx31Iq786U7it++wgGxbtRxf8Udx7zFZsckzXaJMkA7ChG52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx2VjBqJzsPLMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrogUvA4HELjVKWmAvtl6UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++v6d4s8m0gCw1fV5/SITLq9mhho8K3+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==:")!;
        Assert.Equal("test-key-rsa-pss", signature.KeyId);
        Assert.Equal(1618884473, signature.Created);
        Assert.Empty(signature.Components);
        Assert.Equal("\"@signature-params\": ();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"",
            MessageSignatures.SignatureBase(TestRequest(), signature));
        using var key = SignatureTestKeys.RsaPss();
        Assert.True(MessageSignatures.Verify(TestRequest(), signature, key, "rsa-pss-sha512"));
        Assert.False(MessageSignatures.Verify(TestRequest(), signature, key, "rsa-v1_5-sha256"));
    }

    /// <summary>The signature was made outside Kindred (openssl over the base written out by hand), so this checks that
    /// the base Kindred builds is the RFC's, component by component.</summary>
    [Fact]
    public void ASignatureOverMethodTargetDigestAndDateVerifies()
    {
        const string Input = "sig1=(\"@method\" \"@target-uri\" \"content-digest\" \"date\");created=1618884473;keyid=\"test-key\"";
        const string Value = "sig1=:ej9+kTB+ZqIl5sHpcUQqIlKzGzYcdjkV1qdchTI1m9W/vkzkVPITlLt0qJ0WhYkggY3BjuiOJVD3XNft0T7rdHsfvTO6zYjv2HFXJMV/U0u49yr9UxI0RW5O81edv3hUkUnP0yL9chAQVloIpvE4wu0f7KrkWAw7zM5ow+xqHsE=:";
        var signature = MessageSignatures.Parse(Input, Value)!;
        Assert.Equal(new[] { "@method", "@target-uri", "content-digest", "date" }, signature.Components);
        using var key = SignatureTestKeys.Cavage();
        Assert.True(MessageSignatures.Verify(TestRequest(), signature, key));
        Assert.False(MessageSignatures.Verify(TestRequest() with { Method = "PUT" }, signature, key));
        Assert.False(MessageSignatures.Verify(TestRequest(new() { ["Date"] = "Tue, 20 Apr 2021 02:07:56 GMT" }), signature, key));
        Assert.False(MessageSignatures.Verify(TestRequest(), signature with { Algorithm = "ed25519" }, key));
    }

    [Fact]
    public void TheLabelThatHasASignatureIsTheOneRead()
    {
        var signature = MessageSignatures.Parse("a=(\"@method\");created=1, b=(\"@path\");created=2;keyid=\"k\"", "b=:AAAA:")!;
        Assert.Equal("b", signature.Label);
        Assert.Equal(new[] { "@path" }, signature.Components);
        Assert.Equal("(\"@path\");created=2;keyid=\"k\"", signature.SignatureParams);
    }

    [Theory]
    [InlineData("sig=(\"@method\";req);created=1", "sig=:AAAA:")]
    [InlineData("sig=\"@method\"", "sig=:AAAA:")]
    [InlineData("sig=(\"@method\")", "other=:AAAA:")]
    [InlineData("", "sig=:AAAA:")]
    public void SignaturesKindredCannotReadAreNotRead(string input, string value) => Assert.Null(MessageSignatures.Parse(input, value));

    [Fact]
    public void DigestsMatchOnlyTheirBody()
    {
        var body = Encoding.UTF8.GetBytes("{\"hello\": \"world\"}");
        Assert.True(ContentDigests.ContentDigestMatches("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", body));
        Assert.True(ContentDigests.DigestMatches("SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=", body));
        Assert.Equal("SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=", ContentDigests.Digest(body));
        Assert.Equal("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", ContentDigests.ContentDigest(body));
        Assert.False(ContentDigests.ContentDigestMatches("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", [.. body, 32]));
        Assert.False(ContentDigests.DigestMatches("MD5=Sd/dVLAcvNLSq16eXua5uQ==", body));
        Assert.False(ContentDigests.ContentDigestMatches("sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=", body));
        Assert.False(ContentDigests.DigestMatches(null, body));
    }
}
