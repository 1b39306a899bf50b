using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Tests.Hubs.Support;

/// <summary>Contract-shaped outputs for hub and board tests, with the built-in default thresholds (docs/contract.md §4).</summary>
public static class QualityData
{
    public static readonly DateTimeOffset At = new(2026, 11, 23, 7, 30, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<string> MetricCodes = ["validity", "duplicate", "contact", "return"];

    public static ThresholdLevels Levels(string metric) => metric switch
    {
        "validity" => new(0.92, 0.85, 0.94),
        "duplicate" => new(0.05, 0.10, 0.04),
        "contact" => new(0.50, 0.40, 0.55),
        _ => new(0.08, 0.12, 0.06),
    };

    /// <summary>A typical healthy rate per metric: neither near warn nor breach.</summary>
    public static double Healthy(string metric) => metric switch
    {
        "validity" => 0.965,
        "duplicate" => 0.021,
        "contact" => 0.62,
        _ => 0.034,
    };

    public static QualityStateChanged Change(long seq, CellScope scope, string? buyerId, string? sourceId,
        Metric metric = Metric.Contact, MetricStatus from = MetricStatus.Ok, MetricStatus to = MetricStatus.Breach, double? rate = 0.37) =>
        new(seq, $"inc-{scope.Code()}-{buyerId}-{sourceId}-{metric.Code()}", metric, "1h", scope, buyerId, sourceId, from, to, rate, 212,
            Levels(metric.Code()), buyerId is null ? "default" : $"buyer:{buyerId}", At.AddSeconds(seq), Stream);

    public static BuyerNotice Notice(string buyerId, string noticeId, string message, NoticeKind kind = NoticeKind.Breach) =>
        new(noticeId, buyerId, $"inc-{buyerId}", kind, Metric.Contact, "fb-camp-7", 0.37, 0.4, message, At);

    public static RateUpdate Rate(CellScope scope, string? buyerId, string? sourceId, double rate = 0.61) =>
        new(scope, buyerId, sourceId, "1h", Metric.Contact, rate, (long)(rate * 200), 200, "ok");

    /// <summary>A cell whose four metrics are healthy; <paramref name="states"/> overrides single metrics.</summary>
    public static CellSnapshot Cell(CellScope scope, string? buyerId, string? sourceId, string window = "1h",
        IReadOnlyDictionary<string, MetricSnapshot>? states = null)
    {
        var judged = window == "1h";
        var metrics = MetricCodes.ToDictionary(m => m, m =>
            states is not null && states.TryGetValue(m, out var given) ? given
            : new MetricSnapshot(Healthy(m), (long)Math.Round(Healthy(m) * 400), 400, judged ? "ok" : null, Levels(m), "default"));
        return new CellSnapshot(scope, buyerId, sourceId, window, metrics,
            new ReturnBreakdown(new Dictionary<string, long>(), new Dictionary<string, long>(), 0));
    }

    /// <summary>A snapshot whose changes are all of one stream, <see cref="Stream"/>, up to <paramref name="seq"/>.</summary>
    public static QualitySnapshot Snapshot(long seq, IReadOnlyList<CellSnapshot> cells, IReadOnlyList<IncidentSnapshot> incidents) =>
        new(At, new Dictionary<string, long> { [Stream] = seq }, cells, incidents);

    /// <summary>The stream of the changes these helpers make.</summary>
    public const string Stream = "p0";

    /// <summary>Three buyers, three sources, their pairs, in 1h and 24h: all healthy.</summary>
    public static IReadOnlyList<CellSnapshot> HealthyCells()
    {
        string[] buyers = ["acme-auto", "bolt-legal", "cedar-home"];
        string[] sources = ["fb-camp-7", "google-search-2", "native-12"];
        var cells = new List<CellSnapshot>();
        foreach (var window in new[] { "1h", "24h" })
        {
            cells.AddRange(buyers.Select(b => Cell(CellScope.Buyer, b, null, window)));
            cells.AddRange(sources.Select(s => Cell(CellScope.Source, null, s, window)));
            cells.AddRange(buyers.SelectMany(b => sources.Select(s => Cell(CellScope.BuyerSource, b, s, window))));
        }

        return cells;
    }
}
