using Microsoft.Extensions.Options;
using QualityStream.Core.Engine;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Feed;

namespace QualityStream.Worker.Ledger;

/// <summary>Puts the morning review together from the ledger, the snapshot, the rate history and trust.</summary>
public sealed class ReviewBuilder(IncidentLedger ledger, IQualityFeed feed, RateHistory history, TrustReader trust, TimeProvider time, IOptions<ReviewOptions> options)
{
    private const int WorstCount = 10;

    public async Task<ReviewReport> BuildAsync(DateTimeOffset? since)
    {
        var now = time.GetUtcNow();
        now = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond));
        var from = since ?? options.Value.DefaultSince(now);
        var incidents = await ledger.QueryAsync(new IncidentQuery(from, now));
        var snapshot = feed.Snapshot(SnapshotFilter.All);
        var trustNow = (await trust.ReadAsync(now)).ToDictionary(t => t.BuyerId, StringComparer.Ordinal);
        var trustBefore = (await trust.ReadAsync(from)).ToDictionary(t => t.BuyerId, StringComparer.Ordinal);
        var window = snapshot.Cells.Select(c => c.Window).Distinct(StringComparer.Ordinal)
            .OrderByDescending(w => WindowSpec.TryParse(w, out var spec) ? spec!.Seconds : 0).FirstOrDefault();
        var buyers = new List<BuyerReview>();
        foreach (var cell in snapshot.Cells.Where(c => c.Scope == CellScope.Buyer && c.Window == window).OrderBy(c => c.BuyerId, StringComparer.Ordinal))
        {
            var buyer = cell.BuyerId!;
            var weekAgo = now.AddDays(-7);
            var past = await history.ReadAsync(HistorySlot.CellKey(CellScope.Buyer, buyer, null), cell.Window, HistoryStep.Hourly, weekAgo.AddHours(-1), weekAgo);
            buyers.Add(new BuyerReview(buyer, cell.Window, Volume(cell.Metrics), cell.Metrics.ToDictionary(m => m.Key, m => m.Value.Rate, StringComparer.Ordinal),
                past.Count == 0 ? null : new LastWeek(past[^1].At, past[^1].Samples.GetValueOrDefault(Metric.Validity.Code()), past[^1].Rates),
                trustNow.GetValueOrDefault(buyer)?.Trust ?? 1, trustBefore.GetValueOrDefault(buyer)?.Trust ?? 1));
        }

        return new ReviewReport(from, now, options.Value.TimeZone, incidents, incidents.Count(i => i.IsOpen), Worst(snapshot.Cells), buyers);
    }

    /// <summary>Delivered leads in the window: the validity denominator.</summary>
    private static long Volume(IReadOnlyDictionary<string, MetricSnapshot> metrics) =>
        metrics.GetValueOrDefault(Metric.Validity.Code())?.Denominator ?? 0;

    /// <summary>Breaches before warnings, each by how far beyond its breach level the rate is.</summary>
    private static List<WorstCell> Worst(IReadOnlyList<CellSnapshot> cells) =>
    [
        .. cells.SelectMany(c => c.Metrics.Select(m => (Cell: c, Code: m.Key, Value: m.Value, State: m.Value.State == "insufficient" ? m.Value.HeldState : m.Value.State)))
            .Where(x => x.State is "warning" or "breach" && Metrics.TryParse(x.Code, out _))
            .Select(x =>
            {
                var metric = Metrics.TryParse(x.Code, out var parsed) ? parsed : Metric.Validity;
                var beyond = x.Value.Rate is { } r && x.Value.Threshold is { } t ? (metric.LowIsBad() ? t.Breach - r : r - t.Breach) : 0;
                return (Beyond: beyond, Cell: new WorstCell(x.Cell.Scope, x.Cell.BuyerId, x.Cell.SourceId, x.Cell.Window, metric, x.State!, x.Value.Rate, x.Value.Denominator, x.Value.Threshold));
            })
            .OrderByDescending(x => x.Cell.State == "breach").ThenByDescending(x => x.Beyond)
            .Take(WorstCount)
            .Select(x => x.Cell),
    ];
}
