using System.Text.Json;
using QualityStream.Core.Serialization;
using QualityStream.Worker.Auth;

namespace QualityStream.Worker.Hubs;

public static class QualityHubExtensions
{
    /// <summary>SignalR with the contract's JSON (source-generated, camelCase, UTC <c>Z</c> timestamps), the broadcaster and the buyers' recent notices.</summary>
    public static void AddQualityHub(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSignalR()
            .AddJsonProtocol(o => o.PayloadSerializerOptions = new JsonSerializerOptions(QualityJsonContext.Default.Options));
        builder.Services.AddSingleton<RecentNotices>();
        builder.Services.AddSingleton<BoardConnections>();
        builder.Services.AddHostedService<HubBroadcaster>();
    }

    /// <summary><c>/hubs/quality</c>, any valid key; what a key sees is narrowed inside the hub.</summary>
    public static void MapQualityHub(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHub<QualityHub>("/hubs/quality").RequireAuthorization(QualityPolicies.AnyKey);
    }
}
