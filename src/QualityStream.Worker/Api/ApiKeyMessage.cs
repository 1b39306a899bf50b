namespace QualityStream.Worker.Api;

/// <summary>404, 409, 501 and 503 body of the key API: <c>{"error":"…"}</c>.</summary>
public sealed record ApiKeyMessage(string Error);
