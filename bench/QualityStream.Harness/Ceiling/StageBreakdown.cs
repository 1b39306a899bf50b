using System.Diagnostics;
using System.Reactive.Concurrency;
using Microsoft.Extensions.Options;
using QualityStream.Core.Decoding;
using QualityStream.Core.Engine;
using QualityStream.Core.Events;
using QualityStream.Core.Inspection;
using QualityStream.Core.Notices;
using QualityStream.Core.Snapshots;
using QualityStream.Harness.Traffic;
using QualityStream.Worker.Pipeline;
using QualityStream.Worker.Telemetry;

namespace QualityStream.Harness.Ceiling;

/// <summary>
/// Where a worker's time per event goes, without Kafka: the ceiling's traffic timed on one thread through each stage
/// alone (decode, inspect, engine) and through the worker's own <see cref="QualityPipeline"/> with its metrics call.
/// Compared with 1 / worker_eps, the rest is consuming, the partition-pair merge, outputs and offsets.
/// </summary>
public static class StageBreakdown
{
    public static StageTimes Measure(int events = 300_000)
    {
        var model = new TrafficModel(12, seed: 11);
        var origin = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        var raw = new (bool IsDelivery, byte[] Key, byte[] Value)[events];
        for (var i = 0; i < events; i++)
        {
            var e = model.Next(origin + (long)(i * 3_600_000.0 / events));
            raw[i] = (e.IsDelivery, e.Key, (byte[])e.Value.Clone());
        }

        // The first pass pays for JIT and tiering; only the second, on fresh instances, is reported.
        _ = Pass(raw);
        return Pass(raw);
    }

    private static StageTimes Pass((bool IsDelivery, byte[] Key, byte[] Value)[] raw)
    {
        var events = raw.Length;
        var decoder = new EventDecoder(TimeProvider.System);
        var decoded = new object[events];
        var decode = Time(() =>
        {
            for (var i = 0; i < events; i++)
            {
                decoded[i] = raw[i].IsDelivery ? decoder.DecodeDelivery(raw[i].Value).Event! : decoder.DecodeFeedback(raw[i].Value).Event!;
            }
        });
        var inspector = new LeadInspector();
        var inspected = new object[events];
        var inspect = Time(() =>
        {
            for (var i = 0; i < events; i++)
            {
                inspected[i] = decoded[i] is LeadDelivered lead ? inspector.Inspect(lead) : decoded[i];
            }
        });
        var engine = new QualityEngine(new QualityEngineOptions(), TimeProvider.System);
        var changes = new List<QualityStateChanged>();
        var apply = Time(() =>
        {
            for (var i = 0; i < events; i++)
            {
                _ = inspected[i] is InspectedLead lead ? engine.Apply(lead) : engine.Apply((BuyerFeedback)inspected[i]);
                engine.DrainStateChanges(changes);
                changes.Clear();
            }
        });
        var metrics = new QualityMetrics(Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry()));
        // A scheduler that is never advanced: the pipeline's 1 s tick never fires, so it cannot race the disposal below
        // (QualityPipeline.Dispose does not wait for a running tick) and the timing is the per-event path alone.
        using var pipeline = new QualityPipeline(Options.Create(new QualityEngineOptions()), Options.Create(new NoticeOptions()), TimeProvider.System,
            new HistoricalScheduler(DateTimeOffset.UtcNow), metrics);
        var preparer = pipeline.CreatePreparer();
        pipeline.Add(pipeline.NewTask(0, 0, 0), null, null);
        var now = DateTimeOffset.UtcNow;
        var full = Time(() =>
        {
            for (var i = 0; i < events; i++)
            {
                var prepared = raw[i].IsDelivery ? preparer.Delivery(raw[i].Key, raw[i].Value) : preparer.Feedback(raw[i].Key, raw[i].Value);
                var result = pipeline.Apply(0, raw[i].IsDelivery, i, prepared, null, now);
                metrics.Event(raw[i].IsDelivery ? "lead-deliveries" : "buyer-feedback", result.Label);
            }
        });
        double PerEvent(TimeSpan t) => t.TotalMicroseconds / events;
        return new StageTimes(PerEvent(decode), PerEvent(inspect), PerEvent(apply), PerEvent(full));
    }

    private static TimeSpan Time(Action action)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    }
}
