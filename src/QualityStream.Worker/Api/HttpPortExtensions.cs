namespace QualityStream.Worker.Api;

public static class HttpPortExtensions
{
    /// <summary>Listens on <c>Http:Port</c> (default 8080, CONTRACTS §7) on all interfaces.</summary>
    public static void AddHttpPort(this WebApplicationBuilder builder)
    {
        var port = builder.Configuration.GetValue($"{HttpOptions.SectionName}:Port", 8080);
        if (port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Http:Port: must be 0..65535; got {port}");
        }

        builder.WebHost.UseUrls($"http://0.0.0.0:{port}");
    }
}
