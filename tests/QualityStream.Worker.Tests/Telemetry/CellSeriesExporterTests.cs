using Microsoft.Extensions.Options;
using Prometheus;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Feed;
using QualityStream.Worker.Telemetry;
using QualityStream.Worker.Tests.Hubs.Support;

namespace QualityStream.Worker.Tests.Telemetry;

public sealed class CellSeriesExporterTests
{
    private static readonly string[] MetricNames = ["validity", "duplicate", "contact", "return"];
    private static readonly ThresholdLevels Levels = new(0.9, 0.8, 0.92);

    [Fact]
    public void Cells_pushed_out_by_the_cap_lose_every_series_and_the_cells_kept_keep_theirs()
    {
        using var feed = new FakeQualityFeed();
        var (registry, exporter) = Exporter(feed, maxCells: 2);
        feed.Current = Cells([.. Pair("acme", "fb-1", volume: 100), .. Pair("acme", "fb-2", volume: 90), .. Pair("acme", "fb-3", volume: 10)]);
        exporter.Refresh();
        Assert.Equal(["fb-1", "fb-2"], Sources(registry, "qualitystream_rate"));

        feed.Current = Cells([.. Pair("acme", "fb-1", volume: 100), .. Pair("acme", "fb-2", volume: 5), .. Pair("acme", "fb-3", volume: 200)]);
        exporter.Refresh();

        foreach (var gauge in new[] { "qualitystream_rate", "qualitystream_sample", "qualitystream_state", "qualitystream_threshold" })
        {
            Assert.Equal(["fb-1", "fb-3"], Sources(registry, gauge));
        }

        Assert.Equal(100, Series(registry, "qualitystream_sample").Single(s => s.Labels[4] == "fb-1" && s.Labels[1] == "1h" && s.Labels[0] == "validity").Value);
    }

    [Fact]
    public void Each_scrape_counts_the_cells_the_cap_left_out_once_whatever_their_windows()
    {
        using var feed = new FakeQualityFeed();
        var (registry, _) = Exporter(feed, maxCells: 2);
        feed.Current = Cells([.. Pair("acme", "fb-1", volume: 100), .. Pair("acme", "fb-2", volume: 90), .. Pair("acme", "fb-3", volume: 10)]);

        Assert.Equal(1, Dropped(registry));
        Assert.Equal(2, Dropped(registry));
    }

    [Fact]
    public void A_refresh_that_swaps_half_the_cells_out_costs_in_proportion_to_the_cells_swapped_not_to_every_series_times_every_swap()
    {
        // 1,000 cells with a cap of 500, then the volumes turn over so the other 500 are chosen. Looking up each
        // leaving cell's series among all exported ones allocated 816 MB here (and a 10,250-cell worker spent over a
        // minute in one scrape); removing them by their known labels allocated 10 MB.
        var (_, allocated) = SecondRefresh(maxCells: 500, first: i => 1 + i, second: i => 1000 - i);

        // 500 cells leave and 500 arrive, 2 windows × 4 metrics × 6 series each: 48,000 series touched.
        Assert.True(allocated < 48_000 * 2_000, $"the refresh allocated {allocated / 1e6:F0} MB");
    }

    [Fact]
    public void A_refresh_that_finds_the_same_cells_sets_their_series_without_looking_each_one_up_again()
    {
        // 1,000 cells on two windows, all exported: 48,000 series. Looking each one up by its labels again (the
        // threshold ones with a fresh label array each) allocated 3.4 MB a refresh here; setting the series kept from
        // the last refresh in place leaves ~0.9 MB, for choosing the cells and the fake feed's copy of its snapshot.
        var (registry, allocated) = SecondRefresh(maxCells: 1000, first: i => 1 + i, second: i => 2 + i);

        Assert.True(allocated < 2_000_000, $"the refresh allocated {allocated / 1e6:F2} MB");
        Assert.Equal(1000, Series(registry, "qualitystream_sample").Single(s => s.Labels[4] == "src-998" && s.Labels[1] == "24h" && s.Labels[0] == "return").Value);
    }

    [Fact]
    public async Task Two_scrapes_at_once_refresh_one_after_the_other()
    {
        using var feed = new GatedFeed();
        var (_, exporter) = Exporter(feed, maxCells: 10);
        var first = Task.Run(exporter.Refresh);
        Assert.True(feed.Entered.Wait(TimeSpan.FromSeconds(10)), "the first refresh never read the cells");

        var second = new Thread(exporter.Refresh) { IsBackground = true };
        second.Start();
        // Blocked either way: on the exporter's lock, or (without it) inside the feed beside the first refresh.
        await Poll.UntilAsync(() => (second.ThreadState & ThreadState.WaitSleepJoin) != 0, TimeSpan.FromSeconds(10), "the second refresh to block");
        Assert.Equal(1, feed.Reading);

        feed.Release.Set();
        await first;
        Assert.True(second.Join(TimeSpan.FromSeconds(10)), "the second refresh never finished");
        Assert.Equal((1, 2), (feed.MostAtOnce, feed.Reads));
    }

    [Fact]
    public void Why_leads_failed_or_came_back_goes_out_per_reason_while_its_count_is_above_zero()
    {
        using var feed = new FakeQualityFeed();
        var (registry, exporter) = Exporter(feed, maxCells: 10);
        var cell = Cell("acme", "fb-1", "1h", 100, "ok", Levels) with
        {
            InvalidReasons = new Dictionary<string, long> { ["invalid_phone"] = 4, ["missing_name"] = 1, ["invalid_email"] = 0 },
            Returns = new ReturnBreakdown(new Dictionary<string, long> { ["duplicate"] = 2, ["no_contact"] = 3, ["other"] = 0 }, new Dictionary<string, long>(), 0),
        };
        feed.Current = Cells([cell]);
        exporter.Refresh();

        Assert.Equal(["invalid_phone/1h/fb-1=4", "missing_name/1h/fb-1=1"],
            Series(registry, "qualitystream_invalid_leads").Select(s => $"{s.Labels[0]}/{s.Labels[1]}/{s.Labels[4]}={s.Value}").Order(StringComparer.Ordinal));
        Assert.Equal(["duplicate/accepted=2", "no_contact/rejectable=3"],
            Series(registry, "qualitystream_returned_leads").Select(s => $"{s.Labels[0]}/{s.Labels[1]}={s.Value}").Order(StringComparer.Ordinal));

        feed.Current = Cells([cell with { InvalidReasons = new Dictionary<string, long> { ["invalid_phone"] = 0, ["missing_name"] = 2 } }]);
        exporter.Refresh();

        Assert.Equal(["missing_name=2"], Series(registry, "qualitystream_invalid_leads").Select(s => $"{s.Labels[0]}={s.Value}"));
    }

    /// <summary>
    /// 1,000 buyer×source cells (src-0…src-999) refreshed with the <paramref name="first"/> volumes, then with the
    /// <paramref name="second"/>: the registry, and what the second refresh allocated.
    /// </summary>
    private static (CollectorRegistry Registry, long Allocated) SecondRefresh(int maxCells, Func<int, long> first, Func<int, long> second)
    {
        using var feed = new FakeQualityFeed();
        var (registry, exporter) = Exporter(feed, maxCells);
        feed.Current = Cells([.. Enumerable.Range(0, 1000).SelectMany(i => Pair("acme", $"src-{i}", volume: first(i)))]);
        exporter.Refresh();
        feed.Current = Cells([.. Enumerable.Range(0, 1000).SelectMany(i => Pair("acme", $"src-{i}", volume: second(i)))]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        exporter.Refresh();
        return (registry, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static QualitySnapshot Cells(CellSnapshot[] cells) => new(DateTimeOffset.UnixEpoch, new Dictionary<string, long>(), cells, []);

    private static (CollectorRegistry Registry, CellSeriesExporter Exporter) Exporter(IQualityFeed feed, int maxCells)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var exporter = new CellSeriesExporter(Prometheus.Metrics.WithCustomRegistry(registry), registry, feed,
            Options.Create(new MetricsOptions { MaxCells = maxCells }));
        return (registry, exporter);
    }

    /// <summary>One buyer×source cell on both windows, its threshold on 1h; volume is every metric's sample.</summary>
    private static CellSnapshot[] Pair(string buyer, string source, long volume) =>
    [
        Cell(buyer, source, "1h", volume, "ok", Levels),
        Cell(buyer, source, "24h", volume, null, null),
    ];

    private static CellSnapshot Cell(string buyer, string source, string window, long volume, string? state, ThresholdLevels? levels) =>
        new(CellScope.BuyerSource, buyer, source, window,
            MetricNames.ToDictionary(m => m, _ => new MetricSnapshot(0.95, volume * 95 / 100, volume, state, levels, levels is null ? null : "default")),
            new ReturnBreakdown(new Dictionary<string, long>(), new Dictionary<string, long>(), 0));

    private static string[] Sources(CollectorRegistry registry, string gauge) =>
        [.. Series(registry, gauge).Select(s => s.Labels[4]).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The registry's text as <c>/metrics</c> serves it; collecting refreshes the exporter first.</summary>
    private static string Scrape(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Scrapes (which refreshes first) and reads <c>qualitystream_series_dropped_total</c>.</summary>
    private static double Dropped(CollectorRegistry registry)
    {
        var line = Scrape(registry).Split('\n').Single(l => l.StartsWith("qualitystream_series_dropped_total ", StringComparison.Ordinal));
        return double.Parse(line[(line.IndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<(string[] Labels, double Value)> Series(CollectorRegistry registry, string gauge)
    {
        var series = new List<(string[], double)>();
        foreach (var line in Scrape(registry).Split('\n').Where(l => l.StartsWith(gauge + "{", StringComparison.Ordinal)))
        {
            var labels = line[(line.IndexOf('{') + 1)..line.IndexOf('}')].Split(',')
                .Select(pair => pair.Split('=')[1].Trim('"')).ToArray();
            series.Add((labels, double.Parse(line[(line.IndexOf('}') + 2)..], System.Globalization.CultureInfo.InvariantCulture)));
        }

        return series;
    }

    /// <summary>A feed whose cell reads wait for <see cref="Release"/>, counting how many are inside at once.</summary>
    private sealed class GatedFeed : IQualityFeed, IDisposable
    {
        private readonly FakeQualityFeed _inner = new() { Current = CellSeriesExporterTests.Cells([.. Pair("acme", "fb-1", volume: 10)]) };
        private int _reading;
        private int _mostAtOnce;
        private int _reads;

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public int Reading => Volatile.Read(ref _reading);

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public int Reads => Volatile.Read(ref _reads);

        public IObservable<QualityStateChanged> StateChanges => _inner.StateChanges;

        public IObservable<IReadOnlyList<RateUpdate>> RatesUpdated => _inner.RatesUpdated;

        public IObservable<Core.Notices.BuyerNotice> Notices => _inner.Notices;

        public IObservable<IReadOnlyList<string>> StreamsChanged => _inner.StreamsChanged;

        public QualitySnapshot Snapshot(SnapshotFilter filter) => _inner.Snapshot(filter);

        public IReadOnlyList<CellSnapshot> Cells(SnapshotFilter filter)
        {
            var inside = Interlocked.Increment(ref _reading);
            InterlockedMax(ref _mostAtOnce, inside);
            Interlocked.Increment(ref _reads);
            Entered.Set();
            Release.Wait();
            Interlocked.Decrement(ref _reading);
            return _inner.Cells(filter);
        }

        public void Dispose()
        {
            _inner.Dispose();
            Entered.Dispose();
            Release.Dispose();
        }

        private static void InterlockedMax(ref int target, int value)
        {
            for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            {
                if (Interlocked.CompareExchange(ref target, value, seen) == seen)
                {
                    return;
                }
            }
        }
    }
}
