using QualityStream.Worker.Settings;
namespace QualityStream.Worker.Http;

public static class HttpPortExtensions
{
    /// <summary>
    /// Listens on <c>Http:Port</c> (default 8080) and <c>Http:ManagementPort</c> (default 9464, docs/contract.md §7) on all
    /// interfaces. Checked here rather than at options validation: Kestrel binds the ports before that runs.
    /// </summary>
    public static void AddHttpPorts(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var defaults = new HttpOptions();
        var port = Port(builder.Configuration, "Port", defaults.Port);
        var management = Port(builder.Configuration, "ManagementPort", defaults.ManagementPort);
        if (port is < 0 or > 65535)
        {
            throw new InvalidSettingException($"Http:Port: must be 0..65535; got {port}");
        }

        // Not 0: the separation goes by the port a connection arrived on, so it must be known before binding.
        if (management is < 1 or > 65535)
        {
            throw new InvalidSettingException($"Http:ManagementPort: must be 1..65535; got {management}");
        }

        if (management == port)
        {
            throw new InvalidSettingException($"Http:ManagementPort: must differ from Http:Port; both are {port}");
        }

        builder.WebHost.UseUrls($"http://0.0.0.0:{port}", $"http://0.0.0.0:{management}");
        builder.Services.AddOptions<HttpOptions>().BindConfiguration(HttpOptions.SectionName);
    }

    private static int Port(ConfigurationManager configuration, string name, int fallback)
    {
        var raw = configuration[$"{HttpOptions.SectionName}:{name}"];
        return raw is null ? fallback
            : int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) ? port
            : throw new InvalidSettingException($"Http:{name}: '{raw}' is not a port number");
    }
}
