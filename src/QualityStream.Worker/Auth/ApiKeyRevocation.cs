namespace QualityStream.Worker.Auth;

/// <summary>What <c>revoke</c> did: the key it removed (its full hash, to drop it from caches), or why none.</summary>
public sealed record ApiKeyRevocation(ApiKeyRevocationOutcome Outcome, string? Hash, ApiKeyListItem? Revoked);
