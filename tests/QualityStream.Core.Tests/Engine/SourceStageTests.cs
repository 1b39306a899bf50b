using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using QualityStream.Core.Engine;
using QualityStream.Core.Events;
using QualityStream.Core.Inspection;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Engine;

/// <summary>A source's leads are spread over tasks: its cells are judged on the sums of their counts, second by second.</summary>
public class SourceStageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
    private static readonly QualityEngineOptions Options = new();
    private readonly FakeTimeProvider _clock = new(T0.AddDays(1));

    private static readonly ThresholdSet Validity = new(new Dictionary<Metric, IReadOnlyDictionary<string, Threshold>>
    {
        [Metric.Validity] = new Dictionary<string, Threshold> { ["default"] = new("1h", 0.90, 0.80, 0.95, 10, 0) },
    });

    [Fact]
    public void ASourceBadAtTwoBuyersInTwoTasks_BreachesOnTheSummedCounts_WhichNeitherTaskHasAlone()
    {
        var (p0, p1) = (Task("p0"), Task("p1"));
        var stage = Stage();
        Deliver(p0, "acme-auto", T0, valid: 3, invalid: 3);
        Deliver(p1, "bolt-legal", T0, valid: 2, invalid: 2);
        Close(p0, p1, T0.AddSeconds(1));

        Feed(stage, p0, p1);

        var change = Assert.Single(Drain(stage));
        Assert.Equal((CellScope.Source, "fb-camp-7", MetricStatus.Breach, 10L, 0.5, "sources", 1L, T0),
            (change.Scope, change.SourceId, change.To, change.Sample, change.Rate, change.Stream, change.Seq, change.At));
        var cell = Assert.Single(stage.Snapshot(SnapshotFilter.All).Cells, c => c.Window == "1h");
        Assert.Equal((5L, 10L, "breach"), (cell.Metrics["validity"].Numerator, cell.Metrics["validity"].Denominator, cell.Metrics["validity"].State));
        Assert.Equal("inc-", Assert.Single(stage.Snapshot(SnapshotFilter.All).Incidents).IncidentId[..4]);
    }

    [Fact]
    public void ASecond_IsJudgedOnlyOnceEveryTaskHasClosedIt()
    {
        var (p0, p1) = (Task("p0"), Task("p1"));
        var stage = Stage();
        Deliver(p0, "acme-auto", T0, valid: 3, invalid: 3);
        Deliver(p1, "bolt-legal", T0, valid: 2, invalid: 2);
        p0.AdvanceTime(T0.AddSeconds(1));

        Feed(stage, p0, p1);

        Assert.Empty(Drain(stage));
        Assert.True(stage.JudgedThroughSec < T0.ToUnixTimeSeconds());
    }

    [Fact]
    public void ATaskRunningAhead_DoesNotLendTheStageCountsOfSecondsNotYetJudged()
    {
        // p1 is 10 seconds ahead and has seen its breach clear again; p0 has just closed T0. At T0 the sums breach.
        var (p0, p1) = (Task("p0"), Task("p1"));
        var stage = Stage();
        Deliver(p0, "acme-auto", T0, valid: 3, invalid: 3);
        Deliver(p1, "bolt-legal", T0, valid: 2, invalid: 2);
        Deliver(p1, "bolt-legal", T0.AddSeconds(10), valid: 90);
        p1.AdvanceTime(T0.AddSeconds(11));
        p0.AdvanceTime(T0.AddSeconds(1));

        Feed(stage, p1, p0);

        var change = Assert.Single(Drain(stage));
        Assert.Equal((MetricStatus.Breach, 10L, T0), (change.To, change.Sample, change.At));
    }

    [Fact]
    public void ATaskThatLeaves_TakesItsCountsWithIt_AndASourceNoTaskCountsIsForgottenNotClosed()
    {
        var p0 = Task("p0");
        var stage = Stage();
        Deliver(p0, "acme-auto", T0, valid: 5, invalid: 5);
        Close(p0, T0.AddSeconds(1));
        Feed(stage, p0);
        Assert.Single(Drain(stage));

        stage.Forget("p0");
        stage.Advance();

        Assert.Empty(Drain(stage));
        Assert.Equal(0, stage.Count);
    }

    [Fact]
    public void ASourceWhoseWindowsEmpty_ClosesItsIncidentForWantOfTraffic()
    {
        var p0 = Task("p0");
        var stage = Stage();
        Deliver(p0, "acme-auto", T0, valid: 5, invalid: 5);
        Close(p0, T0.AddSeconds(1));
        Feed(stage, p0);

        Close(p0, T0.AddMinutes(61));
        Feed(stage, p0);

        Assert.Equal([(MetricStatus.Ok, MetricStatus.Breach, StateChangeReason.Rate, T0),
                (MetricStatus.Breach, MetricStatus.Ok, StateChangeReason.NoTraffic, T0.AddHours(1))],
            Drain(stage).Select(c => (c.From, c.To, c.Reason, c.At)));
    }

    [Fact]
    public void AStageWrittenAndReadBack_ContinuesItsStreamAndItsIncidents()
    {
        var p0 = Task("p0");
        var stage = Stage();
        Deliver(p0, "acme-auto", T0, valid: 5, invalid: 5);
        Close(p0, T0.AddSeconds(1));
        Feed(stage, p0);
        var opened = stage.Snapshot(SnapshotFilter.All).Incidents.Single();

        var restored = Restore(stage);
        Deliver(p0, "acme-auto", T0.AddSeconds(1), valid: 90);
        Close(p0, T0.AddSeconds(2));
        Feed(restored, p0);

        var closed = Assert.Single(Drain(restored));
        Assert.Equal((2L, opened.IncidentId, MetricStatus.Ok), (closed.Seq, closed.IncidentId, closed.To));
    }

    [Fact]
    public void ARestoredTaskReplayingSecondsTheStageHeardAlready_ChangesNothing()
    {
        // p1 recovers its source at T0+1; the stage has heard p1 through T0+4 and judged through T0+2.
        var (p0, p1) = (Task("p0"), Task("p1"));
        var stage = Stage();
        using var checkpoint = new MemoryStream();
        p1.WriteState(checkpoint);
        Deliver(p1, "bolt-legal", T0, valid: 2, invalid: 2);
        Deliver(p1, "bolt-legal", T0.AddSeconds(1), valid: 200);
        p1.AdvanceTime(T0.AddSeconds(5));
        Deliver(p0, "acme-auto", T0, valid: 4, invalid: 4);
        p0.AdvanceTime(T0.AddSeconds(3));
        Feed(stage, p0, p1);
        Assert.Equal([MetricStatus.Breach, MetricStatus.Ok], Drain(stage).Select(c => c.To));

        // p1 restarts from its empty state and has replayed only T0 when p0 lets the stage judge on to T0+4.
        checkpoint.Position = 0;
        var replaying = QualityEngine.ReadState(checkpoint, Options, _clock, "p1");
        replaying.SetThresholds(Validity);
        Deliver(replaying, "bolt-legal", T0, valid: 2, invalid: 2);
        replaying.AdvanceTime(T0.AddSeconds(1));
        Feed(stage, replaying);
        p0.AdvanceTime(T0.AddSeconds(5));
        Feed(stage, p0);

        Assert.Empty(Drain(stage));
        Assert.Equal(T0.AddSeconds(4).ToUnixTimeSeconds(), stage.JudgedThroughSec);
        var cell = Assert.Single(stage.Snapshot(SnapshotFilter.All).Cells, c => c.Window == "1h");
        Assert.Equal(212L, cell.Metrics["validity"].Denominator);
    }

    [Fact]
    public void StageState_WithAnotherFormatVersion_IsRefusedWithAClearMessage()
    {
        using var state = new MemoryStream();
        using (var w = new BinaryWriter(state, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(99);
        }

        state.Position = 0;
        using var r = new BinaryReader(state);

        var error = Assert.Throws<InvalidDataException>(() => Stage().ReadFrom(r));

        Assert.Contains("format 99 is not supported", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The stage's changes depend on the tasks' events alone: the same events spread over three tasks make the same
    /// source changes (same seconds, same seq) whether the tasks run in step or one far ahead of the others, however
    /// often the stage is fed and advanced, and across a checkpoint of the stage and a task that replays from an older one.
    /// </summary>
    [Property(MaxTest = 300, Arbitrary = [typeof(ScenarioGenerator)])]
    public Property SourceChanges_AreTheSame_WhateverTheTasksPaceAndAcrossARestore(Scenario scenario, PositiveInt seed)
    {
        var clock = new FakeTimeProvider(ScenarioGenerator.Origin.AddDays(365));
        var partitioned = scenario.Events.GroupBy(PartitionOf).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.ToList());
        var end = scenario.Events.Select(Scenario.TimeOf).DefaultIfEmpty(ScenarioGenerator.Origin).Max().AddHours(7);

        var inStep = Run(clock, partitioned, end, random: null, restoreAt: -1);
        var random = new Random(seed.Get);
        var unevenly = Run(clock, partitioned, end, random, restoreAt: random.Next(scenario.Events.Count + 1));

        return (JsonSerializer.Serialize(inStep) == JsonSerializer.Serialize(unevenly))
            .Label($"seed {seed.Get}{Environment.NewLine}{JsonDiff.First(inStep, unevenly)}");
    }

    /// <summary>
    /// Runs the tasks over their events and returns the stage's changes. In step (<paramref name="random"/> null): one
    /// event of each task in turn, the stage fed and advanced after each. Otherwise a random task takes each next event,
    /// the stage is fed now and then, and at <paramref name="restoreAt"/> the stage is checkpointed together with every
    /// task, after which one task is replaced by an older checkpoint of itself that replays.
    /// </summary>
    private static List<QualityStateChanged> Run(TimeProvider clock, Dictionary<int, List<object>> events, DateTimeOffset end, Random? random, int restoreAt)
    {
        var tasks = events.Keys.ToDictionary(p => p, p => StartTask(clock, $"p{p}"));
        var next = events.Keys.ToDictionary(p => p, _ => 0);
        var stage = Stage(PropertyThresholds);
        var changes = new List<QualityStateChanged>();
        var older = new Dictionary<int, (byte[] State, int Next)>();
        void FeedAll()
        {
            foreach (var (p, task) in tasks)
            {
                var records = new List<SourceCounts>();
                task.DrainSourceCounts(records);
                stage.Receive($"p{p}", records, task.ClosedThroughSec);
            }

            stage.Advance();
            stage.DrainStateChanges(changes);
        }

        for (var applied = 0; next.Any(n => n.Value < events[n.Key].Count); applied++)
        {
            if (applied == restoreAt)
            {
                FeedAll();
                stage = Restore(stage, PropertyThresholds);
                var victim = older.Keys.Order().FirstOrDefault(-1);
                if (victim >= 0)
                {
                    tasks[victim] = ReadTask(clock, older[victim].State, $"p{victim}");
                    next[victim] = older[victim].Next;
                }
            }

            var open = next.Where(n => n.Value < events[n.Key].Count).Select(n => n.Key).ToList();
            var p = random is null ? open[applied % open.Count] : open[random.Next(open.Count)];
            if (random is not null && !older.ContainsKey(p) && random.Next(4) == 0)
            {
                older[p] = (WriteTask(tasks[p]), next[p]);
            }

            Scenario.ApplyTo(tasks[p], events[p][next[p]++]);
            if (random is null || random.Next(3) == 0)
            {
                FeedAll();
            }
        }

        foreach (var task in tasks.Values)
        {
            task.AdvanceTime(end);
        }

        FeedAll();
        return changes;
    }

    private static int PartitionOf(object e) => Math.Abs((e is InspectedLead l ? l.Lead.BuyerId : ((BuyerFeedback)e).BuyerId).GetHashCode(StringComparison.Ordinal)) % 3;

    private static QualityEngine StartTask(TimeProvider clock, string stream)
    {
        var engine = new QualityEngine(Options, clock, stream);
        engine.SetThresholds(PropertyThresholds);
        return engine;
    }

    private static byte[] WriteTask(QualityEngine task)
    {
        using var state = new MemoryStream();
        task.WriteState(state);
        return state.ToArray();
    }

    private static QualityEngine ReadTask(TimeProvider clock, byte[] state, string stream)
    {
        using var input = new MemoryStream(state);
        var engine = QualityEngine.ReadState(input, Options, clock, stream);
        engine.SetThresholds(PropertyThresholds);
        return engine;
    }

    // Low sample minimums and a pending time, so the generated traffic moves source states and runs their timers.
    private static readonly ThresholdSet PropertyThresholds = new(new Dictionary<Metric, IReadOnlyDictionary<string, Threshold>>
    {
        [Metric.Validity] = new Dictionary<string, Threshold> { ["default"] = new("1h", 0.9, 0.8, 0.95, 2, 0) },
        [Metric.Duplicate] = new Dictionary<string, Threshold> { ["default"] = new("1h", 0.1, 0.2, 0.05, 2, 30) },
        [Metric.Contact] = new Dictionary<string, Threshold> { ["default"] = new("6h", 0.5, 0.3, 0.6, 2, 600) },
    });

    private static SourceStage Stage(ThresholdSet? thresholds = null)
    {
        var stage = new SourceStage(Options);
        stage.SetThresholds(thresholds ?? Validity);
        return stage;
    }

    private static SourceStage Restore(SourceStage stage, ThresholdSet? thresholds = null)
    {
        using var state = new MemoryStream();
        using (var w = new BinaryWriter(state, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            stage.WriteTo(w);
        }

        state.Position = 0;
        var restored = new SourceStage(Options);
        using (var r = new BinaryReader(state))
        {
            restored.ReadFrom(r);
        }

        // As the worker does: a restored stage is judged under the thresholds in force.
        restored.SetThresholds(thresholds ?? Validity);
        return restored;
    }

    private static List<QualityStateChanged> Drain(SourceStage stage)
    {
        var changes = new List<QualityStateChanged>();
        stage.DrainStateChanges(changes);
        return changes;
    }

    private static void Feed(SourceStage stage, params QualityEngine[] tasks)
    {
        foreach (var task in tasks)
        {
            var records = new List<SourceCounts>();
            task.DrainSourceCounts(records);
            stage.Receive(task.Stream, records, task.ClosedThroughSec);
        }

        stage.Advance();
    }

    private static void Close(QualityEngine task, DateTimeOffset to) => task.AdvanceTime(to);

    private static void Close(QualityEngine a, QualityEngine b, DateTimeOffset to)
    {
        a.AdvanceTime(to);
        b.AdvanceTime(to);
    }

    private QualityEngine Task(string stream)
    {
        var engine = new QualityEngine(Options, _clock, stream);
        engine.SetThresholds(Validity);
        return engine;
    }

    private int _n;

    private void Deliver(QualityEngine task, string buyer, DateTimeOffset at, int valid = 0, int invalid = 0)
    {
        for (var i = 0; i < valid + invalid; i++)
        {
            var lead = new LeadDelivered($"d-{++_n}", $"L-{_n}", buyer, "fb-camp-7", "auto_insurance", at, null,
                new Consumer("Ana", "Diaz", null, null, "78701", "TX", "US"));
            task.Apply(new InspectedLead(lead, i < valid ? ValidityIssues.None : ValidityIssues.InvalidPhone, 0, 0));
        }
    }
}
