using System.Collections.Concurrent;
using Prometheus;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Telemetry;

/// <summary>The worker's own Prometheus series (docs/contract.md §9), created from an injected factory, never static.</summary>
public sealed class QualityMetrics
{
    private readonly Counter _events;
    private readonly ConcurrentDictionary<(string Topic, string Outcome), Counter.Child> _eventChildren = new();
    private readonly Counter _stateChanges;
    private readonly Histogram _latency;
    private readonly Gauge _lag;
    private readonly Gauge _trackedLeads;
    private readonly Gauge _heldFeedback;
    private readonly Counter _outputFailures;
    private readonly Counter _replaysDiverged;
    private readonly Counter _hubDropped;
    private readonly Gauge _checkpointBytes;
    private readonly Histogram _checkpointWrite;

    public QualityMetrics(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _events = factory.CreateCounter("qualitystream_events_total",
            "Consumed events by input topic and outcome: applied, duplicate_event, or the dead-letter reason.", ["topic", "outcome"]);
        _stateChanges = factory.CreateCounter("qualitystream_state_changes_total",
            "Cell state changes by metric and the state entered.", ["metric", "to"]);
        _latency = factory.CreateHistogram("qualitystream_event_to_state_change_seconds",
            "Seconds from an event's Kafka timestamp to the state change it caused.",
            new HistogramConfiguration { Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _lag = factory.CreateGauge("qualitystream_consumer_lag",
            "Messages between the consumer's position and the end of each assigned partition.", ["topic", "partition"]);
        _trackedLeads = factory.CreateGauge("qualitystream_tracked_leads", "Leads the engine currently remembers.");
        _heldFeedback = factory.CreateGauge("qualitystream_held_feedback", "Feedback held while waiting for its lead's delivery.");
        _replaysDiverged = factory.CreateCounter("qualitystream_replays_diverged_total",
            "Restored tasks whose replay did not repeat the state changes they had sent; the sent states were kept.");
        _outputFailures = factory.CreateCounter("qualitystream_output_failures_total",
            "Records the worker could not write (state changes, notices, dead letters) after the Kafka client's retries, by topic.", ["topic"]);
        _hubDropped = factory.CreateCounter("qualitystream_hub_connections_dropped_total",
            "Hub connections dropped for falling behind: more pushes waiting than Hub:MaxQueuedMessages (outbox_full), or one push not taken within Hub:SendTimeoutSeconds (send_timeout).",
            ["reason"]);
        _checkpointBytes = factory.CreateGauge("qualitystream_checkpoint_bytes",
            "Size of the last checkpoint written to Redis of each task this worker holds.", ["partition"]);
        _checkpointWrite = factory.CreateHistogram("qualitystream_checkpoint_write_seconds",
            "Seconds to write one task's checkpoint, from the round taking its tasks' state (their events wait meanwhile) to Redis storing them all.",
            new HistogramConfiguration { Buckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    /// <summary>Counts one consumed event; the label child is looked up without allocating once it exists.</summary>
    public void Event(string topic, string outcome) => EventCounter(topic, outcome).Inc();

    /// <summary>The consumed-events counter of one topic and outcome, for a caller that counts often and keeps it.</summary>
    public Counter.Child EventCounter(string topic, string outcome) =>
        _eventChildren.GetOrAdd((topic, outcome), static (key, events) => events.WithLabels(key.Topic, key.Outcome), _events);

    public void StateChanged(QualityStateChanged change, TimeSpan? sinceEvent)
    {
        ArgumentNullException.ThrowIfNull(change);
        _stateChanges.WithLabels(change.Metric.Code(), change.To.Code()).Inc();
        if (sinceEvent is { } latency)
        {
            _latency.Observe(Math.Max(0, latency.TotalSeconds));
        }
    }

    public void OutputFailed(string topic) => _outputFailures.WithLabels(topic).Inc();

    /// <summary>A restored task's replay did not repeat what it had sent, and took the sent states instead.</summary>
    public void ReplayDiverged() => _replaysDiverged.Inc();

    public void Lag(string topic, int partition, long lag) => _lag.WithLabels(topic, partition.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(lag);

    public void RemoveLag(string topic, int partition) => _lag.RemoveLabelled(topic, partition.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void TrackedLeads(int leads, int heldFeedback)
    {
        _trackedLeads.Set(leads);
        _heldFeedback.Set(heldFeedback);
    }

    /// <summary>A task's checkpoint is stored: its size, and how long taking and storing it took.</summary>
    public void CheckpointWritten(int partition, int bytes, TimeSpan took)
    {
        _checkpointBytes.WithLabels(partition.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(bytes);
        _checkpointWrite.Observe(took.TotalSeconds);
    }

    /// <summary>The task went to another worker: its checkpoint is that worker's to report.</summary>
    public void RemoveCheckpoint(int partition) =>
        _checkpointBytes.RemoveLabelled(partition.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Counts one hub connection dropped for falling behind; <paramref name="reason"/> is outbox_full or send_timeout.</summary>
    public void HubConnectionDropped(string reason) => _hubDropped.WithLabels(reason).Inc();
}
