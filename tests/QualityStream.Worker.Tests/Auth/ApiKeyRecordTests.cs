using QualityStream.Worker.Auth;

namespace QualityStream.Worker.Tests.Auth;

public sealed class ApiKeyRecordTests
{
    [Fact]
    public void Hash_IsLowercaseHexSha256OfUtf8()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeys.Hash("abc"));
    }

    [Theory]
    [InlineData("""{"role":"admin"}""", "admin", null)]
    [InlineData("""{"role":"board","buyerId":"ignored"}""", "board", null)]
    [InlineData("""{"role":"buyer","buyerId":"acme-auto"}""", "buyer", "acme-auto")]
    public void TryParse_ValidRecord_GivesRoleAndBuyer(string json, string role, string? buyerId)
    {
        Assert.True(ApiKeyRecord.TryParse(json, out var record, out _));
        Assert.Equal(new ApiKeyRecord(role, buyerId), record);
    }

    [Theory]
    [InlineData("""{"role":"buyer"}""", "a buyer key needs a buyerId")]
    [InlineData("""{"role":"buyer","buyerId":"acme auto"}""", "buyerId 'acme auto' may contain only")]
    [InlineData("""{"role":"root"}""", "role must be admin, board or buyer; got 'root'")]
    [InlineData("""["admin"]""", "must be a JSON object")]
    [InlineData("admin", "is not JSON")]
    public void TryParse_InvalidRecord_SaysWhy(string json, string reason)
    {
        Assert.False(ApiKeyRecord.TryParse(json, out var record, out var error));
        Assert.Null(record);
        Assert.StartsWith(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_RoundTrips()
    {
        var record = new ApiKeyRecord("buyer", "acme-auto");

        Assert.Equal("""{"role":"buyer","buyerId":"acme-auto"}""", record.ToJson());
        Assert.True(ApiKeyRecord.TryParse(record.ToJson(), out var back, out _));
        Assert.Equal(record, back);
    }

    [Fact]
    public void TryParse_NameAndCreatedAt_AreReadAlongTheAccess()
    {
        Assert.True(ApiKeyRecord.TryParse("""{"role":"board","name":"lobby","createdAt":"2026-11-23T08:20:00Z"}""", out var record, out _));

        Assert.Equal(("board", "lobby", new DateTimeOffset(2026, 11, 23, 8, 20, 0, TimeSpan.Zero)), (record!.Role, record.Name, record.CreatedAt));
    }

    [Theory]
    [InlineData("""{"role":"admin","name":7,"createdAt":"yesterday"}""")]
    [InlineData("""{"role":"admin","name":null,"createdAt":12}""")]
    public void TryParse_MalformedNameOrCreatedAt_StillGrantsTheAccess(string json)
    {
        Assert.True(ApiKeyRecord.TryParse(json, out var record, out _));

        Assert.Equal(new ApiKeyRecord("admin", null), record);
    }

    [Fact]
    public void ToJson_WithNameAndCreatedAt_WritesThemInUtcAndRoundTrips()
    {
        var record = new ApiKeyRecord("buyer", "acme-auto") { Name = "acme portal", CreatedAt = new DateTimeOffset(2026, 11, 23, 9, 20, 0, TimeSpan.FromHours(1)) };

        Assert.Equal("""{"role":"buyer","buyerId":"acme-auto","name":"acme portal","createdAt":"2026-11-23T08:20:00Z"}""", record.ToJson());
        Assert.True(ApiKeyRecord.TryParse(record.ToJson(), out var back, out _));
        Assert.Equal(record, back);
    }
}
