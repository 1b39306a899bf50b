using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using QualityStream.Core.Notices;
using QualityStream.Core.Serialization;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Kafka;
using QualityStream.Worker.Pipeline;

namespace QualityStream.Worker.Outputs;

/// <summary>Writes state changes to <c>quality-state-changes</c> and buyer notices to <c>quality-notices</c> (docs/contract.md §2).</summary>
public sealed class KafkaOutputs(QualityPipeline pipeline, OutputProducer producer, IOptions<KafkaOptions> options) : IHostedService
{
    private readonly KafkaTopics _topics = options.Value.Topics;
    private IDisposable? _changes;
    private IDisposable? _notices;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Inline, so a change is handed to the producer before the consumer can store the offset of its event.
        _changes = pipeline.StateChangesInline.Subscribe(Write);
        _notices = pipeline.Notices.Subscribe(Write);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _changes?.Dispose();
        _notices?.Dispose();
        return Task.CompletedTask;
    }

    private void Write(QualityStateChanged change)
    {
        var key = change.Scope == CellScope.Source ? $"source:{change.SourceId}" : change.BuyerId!;
        producer.Produce(_topics.StateChanges, Encoding.UTF8.GetBytes(key),
            JsonSerializer.SerializeToUtf8Bytes(change, QualityJsonContext.Default.QualityStateChanged));
    }

    private void Write(BuyerNotice notice) =>
        producer.Produce(_topics.Notices, Encoding.UTF8.GetBytes(notice.BuyerId),
            JsonSerializer.SerializeToUtf8Bytes(notice, QualityJsonContext.Default.BuyerNotice));
}
