using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Thresholds;

public class ThresholdScopesTests
{
    [Fact]
    public void Builders_GiveContractSpelling()
    {
        Assert.Equal("default", ThresholdScopes.Default);
        Assert.Equal("buyer:acme-auto", ThresholdScopes.Buyer("acme-auto"));
        Assert.Equal("source:fb-camp-7", ThresholdScopes.Source("fb-camp-7"));
        Assert.Equal("buyer:acme-auto|source:fb-camp-7", ThresholdScopes.BuyerSource("acme-auto", "fb-camp-7"));
    }

    [Theory]
    [InlineData("default", null, null)]
    [InlineData("buyer:acme-auto", "acme-auto", null)]
    [InlineData("source:fb-camp-7", null, "fb-camp-7")]
    [InlineData("buyer:acme.auto_2|source:FB-camp-7", "acme.auto_2", "FB-camp-7")]
    public void TryParse_ValidScope_GivesIds(string scope, string? buyer, string? source)
    {
        Assert.True(ThresholdScopes.TryParse(scope, out var b, out var s, out var error), error);
        Assert.Equal(buyer, b);
        Assert.Equal(source, s);
    }

    [Theory]
    [InlineData("", "scope is empty")]
    [InlineData("Default", "is not default, buyer:")]
    [InlineData("buyer:", "buyerId must be 1–64 characters; got 0")]
    [InlineData("source:fb camp", "sourceId 'fb camp' may contain only")]
    [InlineData("buyer:acme|src:x", "after the buyer id expected '|source:{sourceId}'")]
    [InlineData("buyer:acme|source:", "sourceId must be 1–64 characters; got 0")]
    [InlineData("buyer:ac/me|source:x", "buyerId 'ac/me' may contain only")]
    public void TryParse_InvalidScope_SaysWhy(string scope, string expected)
    {
        Assert.False(ThresholdScopes.TryParse(scope, out var b, out var s, out var error));
        Assert.Null(b);
        Assert.Null(s);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_IdOf65Characters_IsRejected()
    {
        Assert.True(ThresholdScopes.TryParse("buyer:" + new string('a', 64), out _, out _, out _));
        Assert.False(ThresholdScopes.TryParse("buyer:" + new string('a', 65), out _, out _, out var error));
        Assert.Equal("buyerId must be 1–64 characters; got 65", error);
    }
}
