namespace QualityStream.Worker.Auth;

/// <summary>Why a key cannot be created: the field at fault (<c>role</c>, <c>buyerId</c>, <c>name</c>) and what is wrong.</summary>
public sealed record ApiKeyFieldError(string Field, string Message);
