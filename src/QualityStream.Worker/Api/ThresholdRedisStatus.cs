namespace QualityStream.Worker.Api;

/// <summary>Whether Redis is connected, when thresholds were last read from it, and the last read error if it failed since.</summary>
public sealed record ThresholdRedisStatus(bool Connected, DateTimeOffset? LastLoadedAt, string? LastReloadError, DateTimeOffset? LastErrorAt);
