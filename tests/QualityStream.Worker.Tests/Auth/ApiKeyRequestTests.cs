using QualityStream.Worker.Auth;

namespace QualityStream.Worker.Tests.Auth;

public sealed class ApiKeyRequestTests
{
    [Theory]
    [InlineData("admin", null, null)]
    [InlineData("board", null, "lobby screen")]
    [InlineData("buyer", "acme-auto", "acme portal")]
    public void ValidRequest_GivesTheAccessWithItsName(string role, string? buyerId, string? name)
    {
        Assert.True(new ApiKeyRequest(role, buyerId, name).TryValidate(out var record, out var errors));

        Assert.Empty(errors);
        Assert.Equal((role, buyerId, name, (DateTimeOffset?)null), (record.Role, record.BuyerId, record.Name, record.CreatedAt));
    }

    [Theory]
    [InlineData(null, null, null, "role", "is required (admin, board or buyer)")]
    [InlineData("Admin", null, null, "role", "must be admin, board or buyer; got 'Admin'")]
    [InlineData("buyer", null, null, "buyerId", "a buyer key needs a buyerId")]
    [InlineData("buyer", "", null, "buyerId", "buyerId must be 1–64 characters; got 0")]
    [InlineData("admin", "acme-auto", null, "buyerId", "only buyer keys belong to a buyer; admin keys see every buyer")]
    [InlineData("board", null, "", "name", "must be 1–100 characters, not all blank, without control characters")]
    [InlineData("board", null, "   ", "name", "must be 1–100 characters, not all blank, without control characters")]
    [InlineData("board", null, "line\nbreak", "name", "must be 1–100 characters, not all blank, without control characters")]
    public void InvalidRequest_NamesTheFieldAndWhatIsWrong(string? role, string? buyerId, string? name, string field, string message)
    {
        Assert.False(new ApiKeyRequest(role, buyerId, name).TryValidate(out var record, out var errors));

        Assert.Null(record);
        Assert.Equal(new ApiKeyFieldError(field, message), Assert.Single(errors));
    }

    [Fact]
    public void EveryWrongField_IsReported()
    {
        Assert.False(new ApiKeyRequest("root", null, new string('n', 101)).TryValidate(out _, out var errors));

        Assert.Equal(["role", "name"], errors.Select(e => e.Field));
    }
}
