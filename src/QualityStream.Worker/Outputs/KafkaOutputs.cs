using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using QualityStream.Core.Serialization;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Kafka;
using QualityStream.Worker.Pipeline;

namespace QualityStream.Worker.Outputs;

/// <summary>
/// Writes state changes to <c>quality-state-changes</c> and buyer notices to <c>quality-notices</c> (docs/contract.md §2),
/// each task to its own partition of each, with its stream, seq and input position as headers.
/// </summary>
public sealed class KafkaOutputs(QualityPipeline pipeline, OutputProducer producer, OutputTopology topology, IOptions<KafkaOptions> options)
    : IHostedService
{
    private readonly KafkaTopics _topics = options.Value.Topics;
    private IDisposable? _outputs;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Inline, so an output is handed to the producer before the checkpoint that covers its event can be written.
        _outputs = pipeline.ToSend.Subscribe(Write);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _outputs?.Dispose();
        return Task.CompletedTask;
    }

    private void Write(TaskOutput output)
    {
        var input = output.Position.Format();
        if (output.Change is { } change)
        {
            var key = change.Scope == CellScope.Source ? $"source:{change.SourceId}" : change.BuyerId!;
            producer.Produce(topology.For(_topics.StateChanges, output.Position.Partition), Encoding.UTF8.GetBytes(key),
                JsonSerializer.SerializeToUtf8Bytes(change, QualityJsonContext.Default.QualityStateChanged),
                OutputHeaders.Of(output.Stream, change.Seq, input));
        }

        if (output.Notice is { } notice)
        {
            producer.Produce(topology.For(_topics.Notices, output.Position.Partition), Encoding.UTF8.GetBytes(notice.BuyerId),
                JsonSerializer.SerializeToUtf8Bytes(notice, QualityJsonContext.Default.BuyerNotice),
                OutputHeaders.Of(output.Stream, null, input));
        }
    }
}
