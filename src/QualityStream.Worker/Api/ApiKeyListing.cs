using QualityStream.Worker.Auth;

namespace QualityStream.Worker.Api;

/// <summary><c>GET /api/keys</c>: every key's id, role, buyer, name and creation time; never a key or its hash.</summary>
public sealed record ApiKeyListing(IReadOnlyList<ApiKeyListItem> Keys);
