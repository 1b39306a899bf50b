using System.Diagnostics;
using System.Text.Json;
using QualityStream.Core.Decoding;
using QualityStream.Core.Engine;
using QualityStream.Core.Inspection;
using QualityStream.Core.Serialization;
using QualityStream.Core.Snapshots;
using QualityStream.Harness.Traffic;

namespace QualityStream.Harness.Micro;

/// <summary>
/// Snapshot cost, which the BenchmarkDotNet project does not cover: an engine fed the ceiling's traffic (200 buyers ×
/// 50 sources, 10,250 cells, through the real decoder and inspector), then the full snapshot, its JSON as
/// <c>/api/snapshot</c> writes it, and one buyer's filtered snapshot, each timed as the median of repeated calls; and the
/// size of one tick's <c>RatesUpdated</c> batch when every cell has changed.
/// </summary>
public static class SnapshotTiming
{
    public static SnapshotTimes Measure(int events = 300_000, int repeats = 15)
    {
        var engine = new QualityEngine(new QualityEngineOptions(), TimeProvider.System);
        var decoder = new EventDecoder(TimeProvider.System);
        var inspector = new LeadInspector();
        var model = new TrafficModel(12);
        var origin = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        var changes = new List<QualityStateChanged>();
        for (var i = 0; i < events; i++)
        {
            var e = model.Next(origin + (long)(i * 3_600_000.0 / events));
            if (e.IsDelivery)
            {
                engine.Apply(inspector.Inspect(decoder.DecodeDelivery(e.Value).Event!));
            }
            else
            {
                engine.Apply(decoder.DecodeFeedback(e.Value).Event!);
            }

            engine.DrainStateChanges(changes);
            changes.Clear();
        }

        var rates = engine.CollectRateUpdates();
        var ratesJson = JsonSerializer.SerializeToUtf8Bytes(rates, QualityJsonContext.Default.RateUpdateArray);
        var snapshot = engine.Snapshot();
        var json = JsonSerializer.SerializeToUtf8Bytes(snapshot, QualityJsonContext.Default.QualitySnapshot);
        var scrape = new ScrapeTarget(engine);
        var scrapeBytes = scrape.Scrape();
        return new SnapshotTimes(
            engine.CellCount,
            Median(repeats, () => engine.Snapshot()),
            Median(repeats, () => JsonSerializer.SerializeToUtf8Bytes(engine.Snapshot(), QualityJsonContext.Default.QualitySnapshot)),
            json.Length / 1e6,
            Median(repeats, () => engine.Snapshot(new SnapshotFilter(BuyerId: "buyer-137", ExcludeSourceCells: true))),
            rates.Length,
            ratesJson.Length / 1e6,
            Median(repeats, () => { scrape.Exporter.Refresh(); return scrape; }),
            Median(repeats, () => scrape.Scrape()),
            scrapeBytes / 1e6,
            Median(repeats, () => engine.CellSlice(0, 256)));
    }

    private static double Median(int repeats, Func<object> action)
    {
        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            GC.KeepAlive(action());
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times[repeats / 2];
    }
}
