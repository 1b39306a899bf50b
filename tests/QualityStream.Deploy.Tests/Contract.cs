namespace QualityStream.Deploy.Tests;

/// <summary>The Prometheus names of docs/contract.md §9: the only ones a dashboard or rule may query.</summary>
public static class Contract
{
    public const string Histogram = "qualitystream_event_to_state_change_seconds";

    public static readonly IReadOnlySet<string> Metrics = new HashSet<string>(StringComparer.Ordinal)
    {
        "qualitystream_rate", "qualitystream_sample", "qualitystream_state", "qualitystream_threshold",
        "qualitystream_events_total", "qualitystream_state_changes_total", "qualitystream_consumer_lag",
        "qualitystream_series_dropped_total", Histogram + "_bucket", Histogram + "_sum", Histogram + "_count",
        "qualitystream_invalid_leads", "qualitystream_returned_leads", "qualitystream_buyer_top_source_share",
        "qualitystream_buyer_source_hhi", "qualitystream_buyer_revenue_share", "qualitystream_buyer_weekly_leads_change",
        "qualitystream_buyer_warning",
        "up",
    };

    /// <summary>Every label of §9, plus the ones Prometheus adds (job, instance) and the histogram's le.</summary>
    public static readonly IReadOnlySet<string> Labels = new HashSet<string>(StringComparer.Ordinal)
    {
        "metric", "window", "scope", "buyer", "source", "level", "topic", "outcome", "to", "partition", "le", "job", "instance", "kind", "reason", "policy",
    };
}
