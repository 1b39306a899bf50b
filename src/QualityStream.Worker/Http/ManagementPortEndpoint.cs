namespace QualityStream.Worker.Http;

/// <summary>
/// Endpoint metadata: the endpoint answers on <c>Http:ManagementPort</c>, and also on the public port when
/// <paramref name="AlsoPublic"/>. Endpoints without it answer on the public port only.
/// </summary>
public sealed record ManagementPortEndpoint(bool AlsoPublic);
