using Microsoft.Extensions.DependencyInjection.Extensions;

namespace QualityStream.Worker.Thresholds;

/// <summary>The one <see cref="InProcessDemoStore"/> that thresholds and API keys share when <c>Redis:InProcess</c> is on.</summary>
internal static class InProcessRegistration
{
    public static bool IsInProcess(this IConfiguration configuration) => configuration.GetValue<bool>(RedisOptions.InProcessKey);

    public static void AddInProcessDemoStore(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(InProcessDemoStore)))
        {
            return;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<InProcessDemoStore>();
        services.AddHostedService(sp => sp.GetRequiredService<InProcessDemoStore>());
    }
}
