using Confluent.Kafka;

namespace QualityStream.Worker.Outputs;

/// <summary>
/// Which partition of each outputs topic a task writes to: partition p's task writes to partition p modulo the topic's
/// count. A buyer's records stay in one partition (their order kept, as with the buyer key), and a restored task
/// finds everything it sent in one partition per topic. The counts are read once at start, with the input topics'.
/// </summary>
public sealed class OutputTopology
{
    private readonly Dictionary<string, int> _partitions = new(StringComparer.Ordinal);
    private volatile bool _known;

    /// <summary>Set once at start, before anything is written.</summary>
    public void Know(IReadOnlyDictionary<string, int> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        lock (_partitions)
        {
            foreach (var (topic, count) in partitions)
            {
                _partitions[topic] = count;
            }
        }

        _known = true;
    }

    /// <summary>The partition of <paramref name="topic"/> the task of <paramref name="taskPartition"/> writes to.</summary>
    public TopicPartition For(string topic, int taskPartition)
    {
        if (!_known)
        {
            throw new InvalidOperationException("output partitions are not known yet: nothing is written before ingestion starts");
        }

        lock (_partitions)
        {
            return new TopicPartition(topic, new Partition(taskPartition % _partitions[topic]));
        }
    }
}
