using Prometheus;

namespace QualityStream.Harness.Infrastructure;

/// <summary>
/// Reads the worker's <c>qualitystream_events_total</c> in process, summed over topics and outcomes, without a scrape
/// (a scrape also exports every cell's series, which would cost the worker CPU in the middle of a measurement).
/// </summary>
public sealed class EventsCounter(CollectorRegistry registry)
{
    // Same name, help and labels as the worker's QualityMetrics, so the registry hands back the existing counter.
    private readonly Counter _counter = Metrics.WithCustomRegistry(registry).CreateCounter("qualitystream_events_total",
        "Consumed events by input topic and outcome: applied, duplicate_event, or the dead-letter reason.", ["topic", "outcome"]);

    public long Total()
    {
        var sum = 0.0;
        foreach (var labels in _counter.GetAllLabelValues())
        {
            sum += _counter.WithLabels(labels).Value;
        }

        return (long)sum;
    }

    /// <summary>Every non-zero (topic, outcome) count, for the report: anything but <c>applied</c> needs explaining.</summary>
    public IReadOnlyDictionary<string, long> ByOutcome()
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var labels in _counter.GetAllLabelValues())
        {
            var outcome = labels[1];
            result[outcome] = result.GetValueOrDefault(outcome) + (long)_counter.WithLabels(labels).Value;
        }

        return result;
    }
}
