namespace QualityStream.Worker.Auth;

/// <summary>A key just made: the only time <see cref="Key"/> exists outside its holder's hands.</summary>
public sealed record CreatedApiKey(string Id, string Key, ApiKeyRecord Record);
