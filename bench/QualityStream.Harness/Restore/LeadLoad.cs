using QualityStream.Harness.Ceiling;
using QualityStream.Harness.Infrastructure;
using QualityStream.Harness.Traffic;

namespace QualityStream.Harness.Restore;

/// <summary>
/// The ceiling's traffic, produced in chunks the mock broker retains whole (about 5 MB a partition), each one applied by
/// the worker in full before the next is produced; event times run evenly through a span ending a minute ago, so no
/// event leaves a window while the scenario runs.
/// </summary>
public sealed class LeadLoad : IDisposable
{
    /// <summary>Half the mock's 5 MB a partition, as the ceiling's chunks: the one before is still retained.</summary>
    private const long ChunkBytesLimit = 2_500_000;

    private readonly EventProducer _producer;
    private readonly TrafficModel _model;
    private readonly int _partitions;
    private readonly long _originMs;
    private readonly double _stepMs;

    /// <summary>Event times spread over <paramref name="span"/> as if <paramref name="expectedEvents"/> events came in all.</summary>
    public LeadLoad(string bootstrapServers, BenchTopics topics, long expectedEvents, TimeSpan span)
    {
        ArgumentNullException.ThrowIfNull(topics);
        _producer = new EventProducer(bootstrapServers, topics);
        Watermarks = new Watermarks(bootstrapServers, topics);
        _model = new TrafficModel(topics.Partitions);
        _partitions = topics.Partitions;
        var end = DateTimeOffset.UtcNow.AddMinutes(-1);
        _originMs = (end - span).ToUnixTimeMilliseconds();
        _stepMs = span.TotalMilliseconds / Math.Max(1, expectedEvents);
    }

    public Watermarks Watermarks { get; }

    public long Produced => _producer.Produced;

    /// <summary>Produces one chunk and returns the sum of the input partitions' ends after it.</summary>
    /// <exception cref="InvalidOperationException">The chunk would not fit the broker's retention of a partition.</exception>
    public long Produce(int events)
    {
        var deliveryBytes = (long[])_producer.DeliveryBytes.Clone();
        var feedbackBytes = (long[])_producer.FeedbackBytes.Clone();
        for (var i = 0; i < events; i++)
        {
            _producer.Produce(_model.Next(_originMs + (long)(_model.Generated * _stepMs)));
        }

        _producer.Flush();
        var chunkBytes = Enumerable.Range(0, _partitions)
            .Max(p => Math.Max(_producer.DeliveryBytes[p] - deliveryBytes[p], _producer.FeedbackBytes[p] - feedbackBytes[p]));
        if (chunkBytes > ChunkBytesLimit)
        {
            throw new InvalidOperationException($"a chunk puts {chunkBytes / 1e6:F1} MB in one partition; use a smaller --chunk-events to stay under {ChunkBytesLimit / 1e6:F1} MB");
        }

        return Ends();
    }

    /// <summary>The sum of the input partitions' ends (high watermarks).</summary>
    public long Ends() => Watermarks.Read().Values.Sum(w => w.High.Value);

    public void Dispose()
    {
        _producer.Dispose();
        Watermarks.Dispose();
    }
}
