using System.Globalization;
using Confluent.Kafka;

namespace QualityStream.Simulator.Running;

/// <summary>
/// Produces generated traffic to any Kafka bootstrap at <see cref="SimulatorOptions.Rate"/> deliveries per second
/// until cancelled (or <see cref="SimulatorOptions.Duration"/> passes). Kafka record timestamps are the event times.
/// </summary>
public sealed class SimulatorRunner
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);
    private readonly SimulatorOptions options;
    private readonly TimeProvider time;
    private readonly TextWriter log;
    private long failed;

    public SimulatorRunner(SimulatorOptions options, TimeProvider time, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.time = time;
        this.log = log ?? TextWriter.Null;
        Generator = new TrafficGenerator(options, time);
    }

    public TrafficGenerator Generator { get; }

    public async Task<SimulatorStats> RunAsync(CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            LingerMs = 5,
            ClientId = "qualitystream-simulator",
        }).SetErrorHandler((_, e) => log.WriteLine($"kafka: {e.Reason}")).Build();
        Describe();
        var started = time.GetTimestamp();
        var lastReport = TimeSpan.Zero;
        long deliveries = 0, feedback = 0;
        using var timer = new PeriodicTimer(Tick, time);
        var elapsed = TimeSpan.Zero;
        while (!cancellationToken.IsCancellationRequested && (options.Duration is not { } d || elapsed < d))
        {
            elapsed = time.GetElapsedTime(started);
            // A run with a duration ends with exactly duration × rate deliveries, however late the last tick fires.
            var horizon = options.Duration is { } limit && elapsed > limit ? limit : elapsed;
            var due = (int)Math.Min((long)(horizon.TotalSeconds * options.Rate) - deliveries, 100_000);
            foreach (var message in Generator.Next(Math.Max(due, 0)))
            {
                Produce(producer, message);
                feedback += message.Topic == options.FeedbackTopic ? 1 : 0;
            }

            deliveries += Math.Max(due, 0);
            if (elapsed - lastReport >= ReportEvery)
            {
                lastReport = elapsed;
                Report(deliveries, feedback, elapsed);
            }

            if (!await WaitAsync(timer, cancellationToken))
            {
                break;
            }
        }

        producer.Flush(TimeSpan.FromSeconds(10));
        Report(deliveries, feedback, elapsed);
        return new SimulatorStats(deliveries, feedback, Interlocked.Read(ref failed), elapsed);
    }

    private void Produce(IProducer<string, byte[]> producer, SimulatedMessage message)
    {
        var record = new Message<string, byte[]> { Key = message.Key, Value = message.Value, Timestamp = new Timestamp(message.Timestamp) };
        while (true)
        {
            try
            {
                producer.Produce(message.Topic, record, OnDelivered);
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The local queue drains as the broker acknowledges; wait for that instead of dropping traffic.
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    private void OnDelivered(DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref failed);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Describe()
    {
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"simulator: seed {Generator.Seed}, run {Generator.RunId}, {Generator.Market.Buyers.Count} buyers, {Generator.Market.Sources.Count} sources, {options.Rate} leads/s to {options.BootstrapServers}"));
        foreach (var i in Generator.Incidents)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"incident {i.Kind}: buyer={i.BuyerId ?? "-"} source={i.SourceId ?? "-"} rate={i.Rate:0.00} from {i.Start:HH:mm:ss} to {i.End:HH:mm:ss} UTC"));
        }
    }

    private void Report(long deliveries, long feedback, TimeSpan elapsed) =>
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{elapsed:hh\\:mm\\:ss} deliveries {deliveries}, feedback {feedback}, pending feedback {Generator.PendingFeedback}, failed {Interlocked.Read(ref failed)}"));
}
