using QualityStream.Worker.Auth;

namespace QualityStream.Worker.Api;

/// <summary><c>POST /api/keys</c>'s answer: the new key, shown this once, and what it may do.</summary>
public sealed record ApiKeyCreated(string Id, string Key, string Role, string? BuyerId, string? Name, DateTimeOffset CreatedAt)
{
    public static ApiKeyCreated From(CreatedApiKey created)
    {
        ArgumentNullException.ThrowIfNull(created);
        var r = created.Record;
        return new ApiKeyCreated(created.Id, created.Key, r.Role, r.BuyerId, r.Name, r.CreatedAt!.Value);
    }
}
