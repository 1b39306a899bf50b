using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;
using QualityStream.Worker.Telemetry;

namespace QualityStream.Worker.Tests.Telemetry;

public sealed class QualityMetricsTests
{
    [Fact]
    public async Task An_event_counted_inside_a_trace_is_exported_without_an_exemplar()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.AddQualityMetrics();
        await using var services = builder.Services.BuildServiceProvider();
        var metrics = services.GetRequiredService<QualityMetrics>();

        using (var trace = new Activity("consume").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            // Prometheus's default would attach this trace to the increment, looking it up on every count.
            metrics.Event("lead.delivered", "applied");
        }

        using var exported = new MemoryStream();
        await services.GetRequiredService<CollectorRegistry>().CollectAndExportAsTextAsync(exported, ExpositionFormat.OpenMetricsText);
        var text = Encoding.UTF8.GetString(exported.ToArray());

        Assert.Contains("qualitystream_events_total{topic=\"lead.delivered\",outcome=\"applied\"} 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("trace_id", text, StringComparison.Ordinal);
    }
}
