using Confluent.Kafka;

namespace QualityStream.Worker.Kafka;

/// <summary>
/// librdkafka's own log lines, routed into the worker's logging at Debug. Left to itself the client writes every line
/// to stderr, one per failed connection attempt (hundreds a minute while a broker is away); what an operator needs
/// from them is the broker's state, which <see cref="BrokerConnectivity"/> logs once per change.
/// </summary>
public static class KafkaLog
{
    public static Action<IClient, LogMessage> Handler(ILogger logger) => (_, m) =>
        logger.LogDebug("librdkafka {Facility} [{Name}]: {Message}", m.Facility, m.Name, m.Message);
}
