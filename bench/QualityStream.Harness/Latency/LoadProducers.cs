using QualityStream.Harness.Infrastructure;
using QualityStream.Harness.Traffic;

namespace QualityStream.Harness.Latency;

/// <summary>
/// Two producers for the latency run. Background traffic lingers 25 ms, as a busy upstream producer batches; this also
/// keeps the mock broker's message sets large, which matters because the mock returns one message set per partition
/// per fetch and finds it by a linear scan (librdkafka rdkafka_mock.c, "FIXME: Maintain an index"): with 5 ms batches
/// of a few records it, not the worker, limits consumption. Probes linger 0, so their produce time is when they leave.
/// </summary>
public sealed class LoadProducers(string bootstrapServers, BenchTopics topics) : IDisposable
{
    public EventProducer Background { get; } = new(bootstrapServers, topics, lingerMs: 25);

    public EventProducer Probes { get; } = new(bootstrapServers, topics, lingerMs: 0);

    public long Produced => Background.Produced + Probes.Produced;

    public void Flush()
    {
        Background.Flush();
        Probes.Flush();
    }

    public void Dispose()
    {
        Background.Dispose();
        Probes.Dispose();
    }
}
