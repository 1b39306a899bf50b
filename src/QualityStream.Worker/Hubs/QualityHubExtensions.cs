using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QualityStream.Core.Serialization;
using QualityStream.Worker.Auth;

namespace QualityStream.Worker.Hubs;

public static class QualityHubExtensions
{
    private static readonly TimeSpan TransportSendMargin = TimeSpan.FromSeconds(5);

    /// <summary>
    /// SignalR with the contract's JSON (source-generated, camelCase, UTC <c>Z</c> timestamps), the broadcaster, each
    /// connection's outbox (section <c>Hub</c>) and the buyers' recent notices. Needs the worker's metrics.
    /// </summary>
    public static void AddQualityHub(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSignalR()
            .AddJsonProtocol(o => o.PayloadSerializerOptions = new JsonSerializerOptions(QualityJsonContext.Default.Options));
        builder.Services.AddOptions<HubOutboxOptions>().BindConfiguration(HubOutboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RecentNotices>();
        builder.Services.AddSingleton<HubConnections>();
        builder.Services.AddHostedService<HubBroadcaster>();
    }

    /// <summary>
    /// <c>/hubs/quality</c>, any valid key; what a key sees is narrowed inside the hub. SignalR's transport gives up on a
    /// socket write that takes longer than its send timeout; it is set beyond <c>Hub:SendTimeoutSeconds</c>, so a client
    /// that stops reading is dropped by its outbox, which counts it, and not silently by the transport.
    /// </summary>
    public static void MapQualityHub(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var sendTimeout = TimeSpan.FromSeconds(app.Services.GetRequiredService<IOptions<HubOutboxOptions>>().Value.SendTimeoutSeconds);
        app.MapHub<QualityHub>("/hubs/quality", o => o.TransportSendTimeout = sendTimeout + TransportSendMargin)
            .RequireAuthorization(QualityPolicies.AnyKey);
    }
}
