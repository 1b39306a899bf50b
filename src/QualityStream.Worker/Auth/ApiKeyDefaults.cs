namespace QualityStream.Worker.Auth;

public static class ApiKeyDefaults
{
    /// <summary>The authentication scheme of API keys; the default scheme of the worker.</summary>
    public const string AuthenticationScheme = "ApiKey";

    /// <summary>Query parameter that carries the key for SignalR WebSockets, which cannot send headers from a browser.</summary>
    public const string QueryParameter = "access_token";

    /// <summary>Path under which <see cref="QueryParameter"/> is accepted; elsewhere it would leak keys into access logs for nothing.</summary>
    public const string HubPathPrefix = "/hubs";
}
