using System.Text;
using Kindred.Core.Federation.Signatures;

namespace Kindred.UnitTests.Federation.Signatures;

/// <summary>draft-cavage-http-signatures-12 appendix C: the test request signed with the "Test" key.</summary>
public sealed class CavageSignaturesTests
{
    private const string Date = "Sun, 05 Jan 2014 21:31:40 GMT";
    private const string Body = "{\"hello\": \"world\"}";

    private static SignedMessage TestRequest(string? digest = null) => new(
        "POST", "https", "example.com", "/foo?param=value&pet=dog",
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = "example.com",
            ["Date"] = Date,
            ["Content-Type"] = "application/json",
            ["Digest"] = digest ?? "SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=",
            ["Content-Length"] = "18",
        },
        Encoding.UTF8.GetBytes(Body));

    [Fact]
    public void TheDefaultTestSignsTheDateAsTheDraftSays()
    {
        using var key = SignatureTestKeys.Cavage();
        var header = CavageSignatures.Sign(TestRequest(), ["date"], "Test", key);
        Assert.Contains("signature=\"SjWJWbWN7i0wzBvtPl8rbASWz5xQW6mcJmn+ibttBqtifLN7Sazz6m79cNfwwb8DMJ5cou1s7uEGKKCs+FLEEaDV5lp7q25WqS+lavg7T8hc0GppauB6hbgEKTwblDHYGEtbGmtdHgVCk9SuS13F0hZ8FD0k/5OxEPXe5WozsbM=\"", header, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBasicTestCoversTheRequestTargetHostAndDate()
    {
        using var key = SignatureTestKeys.Cavage();
        var header = CavageSignatures.Sign(TestRequest(), CavageSignatures.SignedWithoutBody, "Test", key);
        Assert.Equal("keyId=\"Test\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date\","
            + "signature=\"qdx+H7PHHDZgy4y/Ahn9Tny9V3GP6YgBPyUXMmoxWtLbHpUnXS2mg2+SbrQDMCJypxBLSPQR2aAjn7ndmw2iicw3HMbe8VfEdKFYRqzic+efkb3nndiv/x1xSHDJWeSWkx3ButlYSuBskLu6kd9Fswtemr3lgdDEmn04swr2Os0=\"", header);
    }

    [Fact]
    public void ASignatureMadeHereVerifiesAndAChangedRequestDoesNot()
    {
        using var key = SignatureTestKeys.Cavage();
        var request = TestRequest();
        var signature = CavageSignatures.Parse(CavageSignatures.Sign(request, CavageSignatures.SignedWithBody, "Test", key))!;
        Assert.Equal(new[] { "(request-target)", "host", "date", "digest" }, signature.Headers);
        Assert.True(CavageSignatures.Verify(request, signature, key));
        Assert.False(CavageSignatures.Verify(request with { PathAndQuery = "/foo?param=value&pet=cat" }, signature, key));
        Assert.False(CavageSignatures.Verify(TestRequest("SHA-256=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), signature, key));
    }

    [Fact]
    public void AMissingCoveredHeaderOrAnotherAlgorithmFailsToVerify()
    {
        using var key = SignatureTestKeys.Cavage();
        var request = TestRequest();
        var signature = CavageSignatures.Parse(CavageSignatures.Sign(request, CavageSignatures.SignedWithBody, "Test", key))!;
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        headers.Remove("Digest");
        Assert.False(CavageSignatures.Verify(request with { Headers = headers }, signature, key));
        Assert.False(CavageSignatures.Verify(request, signature with { Algorithm = "hmac-sha256" }, key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("keyId=\"Test\"")]
    [InlineData("keyId=\"Test\",signature=\"not base64!\"")]
    [InlineData("keyId=\"Test\",keyId=\"Other\",signature=\"AAAA\"")]
    [InlineData("keyId=\"Test,signature=\"AAAA\"")]
    public void MalformedHeadersAreNotRead(string header) => Assert.Null(CavageSignatures.Parse(header));
}
