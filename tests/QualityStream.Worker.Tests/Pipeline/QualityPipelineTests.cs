using System.Collections.Concurrent;
using System.Reactive.Concurrency;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QualityStream.Core.Engine;
using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Pipeline;
using QualityStream.Worker.Telemetry;
using QualityStream.Worker.Tests.EndToEnd;

namespace QualityStream.Worker.Tests.Pipeline;

public class QualityPipelineTests
{
    [Fact]
    public void ABacklogOfOldEvents_FeedbackHeldBeforeTheFirstTick_WaitsForItsDeliveryInsteadOfExpiringAtThatTick()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var scheduler = new HistoricalScheduler(clock.GetUtcNow());
        var metrics = new QualityMetrics(Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry()));
        using var pipeline = new QualityPipeline(Options.Create(new QualityEngineOptions()), Options.Create(new NoticeOptions()), clock, scheduler, metrics);
        var expired = new List<string>();
        using var _ = pipeline.ExpiredFeedback.Subscribe(e => expired.Add(e.Expired.Feedback.EventId));
        pipeline.Add(pipeline.NewTask(0, 0, 0), null, null);
        var anHourAgo = clock.GetUtcNow().AddHours(-1);
        var preparer = pipeline.CreatePreparer();

        var held = pipeline.Apply(0, false, 0, preparer.Feedback("acme-auto"u8, TestEvents.Bytes(TestEvents.Contact("L-1", "acme-auto", anHourAgo.AddSeconds(1), "contacted", "f-1"))), null, null);
        clock.Advance(TimeSpan.FromSeconds(1));
        scheduler.AdvanceBy(TimeSpan.FromSeconds(1));
        var delivered = pipeline.Apply(0, true, 0, preparer.Delivery("acme-auto"u8, TestEvents.Bytes(TestEvents.Delivery("L-1", "acme-auto", "fb-camp-7", anHourAgo))), null, null);

        Assert.Equal((ProcessResult.Held.Outcome, ProcessResult.Applied.Outcome, 1), (held.Outcome, delivered.Outcome, delivered.ReleasedFeedback));
        Assert.Empty(expired);
    }

    [Fact]
    public async Task NoticeOverTheBuyersLimit_GoesOutWhenQuietTimePassesItsSlot_DatedOnEngineTimeWhenTheSlotFreed()
    {
        var start = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        var scheduler = new HistoricalScheduler(start);
        var metrics = new QualityMetrics(Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry()));
        var limit = new NoticeOptions { MaxPerBuyerPerHour = 1, Period = TimeSpan.FromMinutes(1) };
        using var pipeline = new QualityPipeline(Options.Create(new QualityEngineOptions { QuietLagSeconds = 0 }), Options.Create(limit), clock, scheduler, metrics);
        pipeline.Add(pipeline.NewTask(0, 0, 0), null, null);
        var notices = new ConcurrentQueue<BuyerNotice>();
        using var _ = pipeline.Notices.Subscribe(notices.Enqueue);
        pipeline.SetThresholds(new ThresholdSet(new Dictionary<Metric, IReadOnlyDictionary<string, Threshold>>
        {
            [Metric.Validity] = new Dictionary<string, Threshold> { ["default"] = new("1h", 0.9, 0.8, 0.95, 1, 0) },
        }));

        // One invalid lead breaches the buyer cell and the buyer×source cell: the first notice goes out, the second waits.
        var preparer = pipeline.CreatePreparer();
        pipeline.Apply(0, true, 0, preparer.Delivery("acme-auto"u8, TestEvents.Bytes(TestEvents.Delivery("L-1", "acme-auto", "fb-camp-7", start, "+1512000"))), null, null);
        // The wall clock passes the freed slot in one jump, and one quiet-time advance (not a scheduler timer) moves engine time there.
        clock.Advance(TimeSpan.FromSeconds(90));
        pipeline.AdvanceQuiet(0);

        await Poll.UntilAsync(() => notices.Count >= 2, TimeSpan.FromSeconds(10), "the held notice");
        Assert.Equal([start, start.AddMinutes(1)], notices.Select(n => n.At));
    }

    [Fact]
    public void ARestoredTask_WhoseReplayDoesNotMakeASentBreachAgain_TellsTheBuyerOfIt_AndOfItsRecovery()
    {
        var start = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        var thresholds = new ThresholdSet(new Dictionary<Metric, IReadOnlyDictionary<string, Threshold>>
        {
            [Metric.Validity] = new Dictionary<string, Threshold> { ["default"] = new("1h", 0.9, 0.8, 0.95, 1, 0) },
        });
        QualityPipeline NewPipeline() => new(Options.Create(new QualityEngineOptions()), Options.Create(new NoticeOptions()), clock,
            new HistoricalScheduler(start), new QualityMetrics(Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry())));

        // Before the crash: an invalid lead breached the buyer's cell and its buyer×source cell, and both changes reached
        // the state-changes topic; their notices were still in flight when the worker died.
        var sent = new List<QualityStateChanged>();
        using (var crashed = NewPipeline())
        {
            crashed.SetThresholds(thresholds);
            crashed.Add(crashed.NewTask(0, 0, 0), null, null);
            using var _ = crashed.ToSend.Subscribe(o => sent.AddRange(o.Change is { } c ? [c] : []));
            crashed.Apply(0, true, 0, crashed.CreatePreparer().Delivery("acme-auto"u8, TestEvents.Bytes(TestEvents.Delivery("L-1", "acme-auto", "fb-camp-7", start, "+1512000"))), null, null);
        }

        Assert.Equal([MetricStatus.Breach, MetricStatus.Breach], sent.Select(c => c.To));

        // The replay reads the same offset but does not make those changes again (here the lead reads as valid; in a
        // worker, feedback merged in another order can do the same). What users saw wins, notices included.
        using var restored = NewPipeline();
        restored.SetThresholds(thresholds);
        var notices = new List<BuyerNotice>();
        using var subscription = restored.ToSend.Subscribe(o => notices.AddRange(o.Notice is { } n ? [n] : []));
        var replay = new ReplayedOutputs { Until = new InputPosition(0, 1, 0) };
        replay.Changes.AddRange(sent);
        restored.Add(restored.NewTask(0, 0, 0), replay, null);
        var preparer = restored.CreatePreparer();
        restored.Apply(0, true, 0, preparer.Delivery("acme-auto"u8, TestEvents.Bytes(TestEvents.Delivery("L-1", "acme-auto", "fb-camp-7", start))), null, null);
        restored.Apply(0, true, 1, preparer.Delivery("acme-auto"u8, TestEvents.Bytes(TestEvents.Delivery("L-2", "acme-auto", "fb-camp-7", start.AddSeconds(1)))), null, null);

        var incidents = sent.Select(c => c.IncidentId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(incidents.Select(i => $"ntc-{i}-breach").Concat(incidents.Select(i => $"ntc-{i}-recovered")),
            notices.Select(n => n.NoticeId).Order(StringComparer.Ordinal).OrderBy(id => id.EndsWith("-recovered", StringComparison.Ordinal)));
    }

    [Fact]
    public void Cells_read_a_slice_at_a_time_are_the_cells_of_a_snapshot_when_nothing_is_applied_meanwhile()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var metrics = new QualityMetrics(Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry()));
        using var pipeline = new QualityPipeline(Options.Create(new QualityEngineOptions()), Options.Create(new NoticeOptions()), clock,
            new HistoricalScheduler(clock.GetUtcNow()), metrics);
        var preparer = pipeline.CreatePreparer();
        pipeline.Add(pipeline.NewTask(0, 0, 0), null, null);
        pipeline.Add(pipeline.NewTask(1, 0, 0), null, null);
        // 100 buyers × 2 sources over two tasks: 300 buyer and pair cells (more than one slice), then the 2 sources.
        for (var i = 0; i < 200; i++)
        {
            var lead = TestEvents.Delivery($"L-{i}", $"buyer-{i / 2}", $"src-{i % 2}", clock.GetUtcNow().AddMinutes(-5));
            pipeline.Apply(i % 4 / 2, true, i, preparer.Delivery(TestEvents.Bytes($"buyer-{i / 2}"), TestEvents.Bytes(lead)), null, null);
        }

        // Both tasks' time moves past the leads' second, so the source stage judges the sources.
        pipeline.AdvanceQuiet(0);
        pipeline.AdvanceQuiet(1);
        pipeline.Tick();
        var cells = pipeline.Cells(SnapshotFilter.All);
        var snapshot = pipeline.Snapshot(SnapshotFilter.All).Cells;

        Assert.Equal(302 * 2, cells.Count);
        Assert.Equal(
            snapshot.Select(c => (c.Scope, c.BuyerId, c.SourceId, c.Window, c.Metrics["validity"].Denominator)),
            cells.Select(c => (c.Scope, c.BuyerId, c.SourceId, c.Window, c.Metrics["validity"].Denominator)));
    }
}
