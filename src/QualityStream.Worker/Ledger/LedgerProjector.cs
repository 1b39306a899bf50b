using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using QualityStream.Core.Serialization;
using QualityStream.Worker.Kafka;
using StackExchange.Redis;

namespace QualityStream.Worker.Ledger;

/// <summary>
/// Projects the outputs topics (state changes, notices) into the ledger and the notices history, in a consumer group of
/// its own (<c>{Kafka:GroupId}-ledger</c>), so with several workers each projects a share. An offset is stored only
/// after its record's Redis write, and every write is idempotent, so a record read twice changes nothing.
/// </summary>
public sealed class LedgerProjector(
    IOptions<KafkaOptions> kafka,
    BrokerConnectivity brokers,
    IncidentLedger ledger,
    NoticeHistory notices,
    TimeProvider time,
    ILogger<LedgerProjector> log) : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RestartAfter = TimeSpan.FromSeconds(5);

    public static string GroupOf(KafkaOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return $"{o.GroupId}-ledger";
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => RunUntilStoppedAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    /// <summary>
    /// The ledger is a record, not the monitoring: whatever fails here is logged and the projector starts again, never
    /// stopping the worker (a failed hosted service would stop the host).
    /// </summary>
    private async Task RunUntilStoppedAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stop);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                log.LogError(e, "Ledger projector stopped; starting again in {Seconds} s", RestartAfter.TotalSeconds);
                try
                {
                    await Task.Delay(RestartAfter, time, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var o = kafka.Value;
        var config = KafkaConfigs.Consumer(o);
        config.GroupId = GroupOf(o);
        config.EnablePartitionEof = false;
        config.ConsumeResultFields = "topic";
        config.StatisticsIntervalMs = 0;
        using var consumer = new ConsumerBuilder<Ignore, string>(config)
            .SetErrorHandler((_, e) => brokers.OnError(e))
            .SetLogHandler(KafkaLog.Handler(log))
            .Build();
        consumer.Subscribe([o.Topics.StateChanges, o.Topics.Notices]);
        string? lastProblem = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                ConsumeResult<Ignore, string>? record;
                try
                {
                    record = consumer.Consume(stop);
                }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    // An outputs topic not created yet, a broker away: the client recovers on its own. Said once, not each second.
                    log.Log(e.Error.Reason == lastProblem ? LogLevel.Debug : LogLevel.Warning, "Ledger projector: {Reason}", e.Error.Reason);
                    lastProblem = e.Error.Reason;
                    await Task.Delay(RetryAfter, time, stop);
                    continue;
                }

                if (record is null)
                {
                    continue;
                }

                await ApplyAsync(record, o.Topics, stop);
                consumer.StoreOffset(record);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            // Commits the stored offsets and leaves the group at once, so another worker takes the share over.
            consumer.Close();
        }
    }

    /// <summary>Writes one record; while Redis fails it tries again, so no record is skipped.</summary>
    private async Task ApplyAsync(ConsumeResult<Ignore, string> record, KafkaTopics topics, CancellationToken stop)
    {
        while (true)
        {
            try
            {
                if (record.Topic == topics.StateChanges)
                {
                    await ledger.ApplyAsync(JsonSerializer.Deserialize(record.Message.Value, QualityJsonContext.Default.QualityStateChanged)!);
                }
                else
                {
                    var notice = JsonSerializer.Deserialize(record.Message.Value, QualityJsonContext.Default.BuyerNotice)!;
                    await notices.AddAsync(notice, record.Message.Value);
                }

                return;
            }
            catch (JsonException e)
            {
                // Not written by a worker of this contract; the topic stays the record of it.
                log.LogWarning("Ledger projector: skipped an unreadable record at {Topic}[{Partition}]@{Offset}: {Error}",
                    record.Topic, record.Partition.Value, record.Offset.Value, e.Message);
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                log.LogWarning("Ledger projector: Redis write failed ({Error}); trying again", e.Message);
                await Task.Delay(RetryAfter, time, stop);
            }
        }
    }
}
