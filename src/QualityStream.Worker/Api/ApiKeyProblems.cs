using QualityStream.Worker.Auth;

namespace QualityStream.Worker.Api;

/// <summary>400 body of the key API: <c>{"errors":[{"field":"buyerId","message":"a buyer key needs a buyerId"}]}</c>.</summary>
public sealed record ApiKeyProblems(IReadOnlyList<ApiKeyFieldError> Errors);
