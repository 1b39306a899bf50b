using Microsoft.Extensions.Time.Testing;
using QualityStream.Core.Engine;
using QualityStream.Core.Events;
using QualityStream.Core.Inspection;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Engine;

/// <summary>A source's leads are spread over tasks: its cells are judged on the sums of their counts.</summary>
public class SourceStageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
    private static readonly QualityEngineOptions Options = new();
    private readonly FakeTimeProvider _clock = new(T0);

    private static readonly ThresholdSet Validity = new(new Dictionary<Metric, IReadOnlyDictionary<string, Threshold>>
    {
        [Metric.Validity] = new Dictionary<string, Threshold> { ["default"] = new("1h", 0.90, 0.80, 0.95, 10, 0) },
    });

    [Fact]
    public void ASourceBadAtTwoBuyersInTwoTasks_BreachesOnTheSummedCounts_WhichNeitherTaskHasAlone()
    {
        var (p0, p1) = (Task("p0"), Task("p1"));
        Deliver(p0, "acme-auto", valid: 3, invalid: 3);
        Deliver(p1, "bolt-legal", valid: 2, invalid: 2);
        var stage = new SourceStage(Options);
        stage.SetThresholds(Validity);

        stage.Judge([p0, p1]);

        var changes = new List<QualityStateChanged>();
        stage.DrainStateChanges(changes);
        var change = Assert.Single(changes);
        Assert.Equal((CellScope.Source, "fb-camp-7", MetricStatus.Breach, 10L, 0.5, "sources", 1L),
            (change.Scope, change.SourceId, change.To, change.Sample, change.Rate, change.Stream, change.Seq));
        var cell = Assert.Single(stage.Snapshot(SnapshotFilter.All).Cells, c => c.Window == "1h");
        Assert.Equal((5L, 10L, "breach"), (cell.Metrics["validity"].Numerator, cell.Metrics["validity"].Denominator, cell.Metrics["validity"].State));
        Assert.Equal("inc-", Assert.Single(stage.Snapshot(SnapshotFilter.All).Incidents).IncidentId[..4]);
    }

    [Fact]
    public void ASourceNoTaskCountsAnyMore_IsForgotten_NotClosed()
    {
        var p0 = Task("p0");
        Deliver(p0, "acme-auto", valid: 5, invalid: 5);
        var stage = new SourceStage(Options);
        stage.SetThresholds(Validity);
        stage.Judge([p0]);
        var changes = new List<QualityStateChanged>();
        stage.DrainStateChanges(changes);

        stage.Judge([]);

        Assert.Equal(0, stage.DrainStateChanges(changes) - 0);
        Assert.Single(changes);
        Assert.Equal(0, stage.Count);
    }

    [Fact]
    public void ASourceWhoseWindowsEmpty_ClosesItsIncidentForWantOfTraffic()
    {
        var p0 = Task("p0");
        Deliver(p0, "acme-auto", valid: 5, invalid: 5);
        var stage = new SourceStage(Options);
        stage.SetThresholds(Validity);
        stage.Judge([p0]);

        _clock.Advance(TimeSpan.FromMinutes(61));
        p0.AdvanceTime(_clock.GetUtcNow());
        stage.Judge([p0]);

        var changes = new List<QualityStateChanged>();
        stage.DrainStateChanges(changes);
        Assert.Equal([(MetricStatus.Ok, MetricStatus.Breach, StateChangeReason.Rate), (MetricStatus.Breach, MetricStatus.Ok, StateChangeReason.NoTraffic)],
            changes.Select(c => (c.From, c.To, c.Reason)));
    }

    [Fact]
    public void AStageWrittenAndReadBack_ContinuesItsStreamAndItsIncidents()
    {
        var p0 = Task("p0");
        Deliver(p0, "acme-auto", valid: 5, invalid: 5);
        var stage = new SourceStage(Options);
        stage.SetThresholds(Validity);
        stage.Judge([p0]);
        var opened = stage.Snapshot(SnapshotFilter.All).Incidents.Single();
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

        restored.SetThresholds(Validity);
        Deliver(p0, "acme-auto", valid: 90);
        restored.Judge([p0]);

        var changes = new List<QualityStateChanged>();
        restored.DrainStateChanges(changes);
        var closed = Assert.Single(changes);
        Assert.Equal((2L, opened.IncidentId, MetricStatus.Ok), (closed.Seq, closed.IncidentId, closed.To));
    }

    private QualityEngine Task(string stream)
    {
        var engine = new QualityEngine(Options, _clock, stream);
        engine.SetThresholds(Validity);
        return engine;
    }

    private int _n;

    private void Deliver(QualityEngine task, string buyer, int valid = 0, int invalid = 0)
    {
        for (var i = 0; i < valid + invalid; i++)
        {
            var lead = new LeadDelivered($"d-{++_n}", $"L-{_n}", buyer, "fb-camp-7", "auto_insurance", _clock.GetUtcNow(), null,
                new Consumer("Ana", "Diaz", null, null, "78701", "TX", "US"));
            task.Apply(new InspectedLead(lead, i < valid ? ValidityIssues.None : ValidityIssues.InvalidPhone, 0, 0));
        }
    }
}
