namespace QualityStream.Worker.Api;

/// <summary>404 and 503 body of the threshold API: <c>{"error":"…"}</c>.</summary>
public sealed record ThresholdMessage(string Error);
