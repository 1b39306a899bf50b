using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace QualityStream.Worker.Logging;

public static class LoggingExtensions
{
    /// <summary>
    /// Every log line passes through <see cref="SecretRedactor"/>. The factory is wrapped rather than each provider, so
    /// that providers added later (and their configured filters) are covered too.
    /// </summary>
    public static void AddSecretRedaction(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp =>
            new RedactingLoggerFactory(new LoggerFactory(
                sp.GetServices<ILoggerProvider>(),
                sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
                sp.GetService<IOptions<LoggerFactoryOptions>>(),
                sp.GetService<IExternalScopeProvider>()))));
    }
}
