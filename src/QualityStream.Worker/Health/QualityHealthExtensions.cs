using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using QualityStream.Worker.Http;

namespace QualityStream.Worker.Health;

public static class QualityHealthExtensions
{
    /// <summary>Tag of the checks <c>/readyz</c> runs (Redis reachable, Kafka partitions assigned, …).</summary>
    public const string ReadyTag = "ready";

    /// <summary>Health checks; each component adds its own with <c>AddHealthChecks().AddCheck(…, tags: [ReadyTag])</c>.</summary>
    public static void AddQualityHealth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks();
    }

    /// <summary>
    /// <c>/healthz</c>: liveness, runs no check (the process answers, so it is alive; restarting it would not bring
    /// Redis or Kafka back). <c>/readyz</c>: every check tagged <see cref="ReadyTag"/>, as JSON; 503 when one is unhealthy.
    /// </summary>
    public static void MapQualityHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().OnBothPorts();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(ReadyTag),
            ResponseWriter = HealthJsonWriter.WriteAsync,
        }).AllowAnonymous().OnBothPorts();
    }
}
