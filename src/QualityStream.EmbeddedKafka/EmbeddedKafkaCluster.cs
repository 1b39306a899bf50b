using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using QualityStream.EmbeddedKafka.Native;

namespace QualityStream.EmbeddedKafka;

/// <summary>
/// librdkafka's mock cluster: real Kafka-protocol brokers on loopback TCP ports, inside this process.
/// Any Kafka client (Confluent.Kafka included) can connect to <see cref="BootstrapServers"/>.
/// </summary>
public sealed class EmbeddedKafkaCluster : IDisposable
{
    private const int ProducerType = 0;
    private readonly Lock gate = new();
    private IntPtr handle;
    private IntPtr cluster;

    private EmbeddedKafkaCluster(IntPtr handle, IntPtr cluster, int brokerCount)
    {
        this.handle = handle;
        this.cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
    }

    /// <summary>"127.0.0.1:P1,127.0.0.1:P2,…"; broker ids run from 1 to <see cref="BrokerCount"/>.</summary>
    public string BootstrapServers { get; }

    public int BrokerCount { get; }

    /// <summary>Starts a mock cluster with <paramref name="brokers"/> brokers (ids 1..brokers).</summary>
    public static EmbeddedKafkaCluster Start(int brokers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        NativeResolver.EnsureRegistered();
        var errstr = new byte[512];
        var conf = LibRdKafka.rd_kafka_conf_new();
        // The owning handle never talks to a broker; keep its log to real problems.
        _ = LibRdKafka.rd_kafka_conf_set(conf, "log_level", "3", errstr, (nuint)errstr.Length);
        var rk = LibRdKafka.rd_kafka_new(ProducerType, conf, errstr, (nuint)errstr.Length);
        if (rk == IntPtr.Zero)
        {
            // rd_kafka_new takes ownership of conf only when it succeeds.
            LibRdKafka.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException("rd_kafka_new failed: " + ErrorText(errstr));
        }

        var mc = LibRdKafka.rd_kafka_mock_cluster_new(rk, brokers);
        if (mc == IntPtr.Zero)
        {
            LibRdKafka.rd_kafka_destroy(rk);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed.");
        }

        return new EmbeddedKafkaCluster(rk, mc, brokers);
    }

    /// <summary>Creates a topic directly in the mock (AdminClient.CreateTopicsAsync times out against it).</summary>
    public void CreateTopic(string name, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Check(LibRdKafka.rd_kafka_mock_topic_create(Cluster, name, partitions, replicationFactor));
    }

    /// <summary>Closes the broker's connections and stops it accepting new ones.</summary>
    public void SetBrokerDown(int brokerId) => Check(LibRdKafka.rd_kafka_mock_broker_set_down(Cluster, brokerId));

    public void SetBrokerUp(int brokerId) => Check(LibRdKafka.rd_kafka_mock_broker_set_up(Cluster, brokerId));

    /// <summary>
    /// The next requests of type <paramref name="apiKey"/> (see <see cref="KafkaApiKey"/>) fail with
    /// <paramref name="errors"/>, one per request, in order.
    /// </summary>
    public void PushRequestErrors(short apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var codes = Array.ConvertAll(errors, e => (int)e);
        LibRdKafka.rd_kafka_mock_push_request_errors_array(Cluster, apiKey, (nuint)codes.Length, codes);
    }

    public void ClearRequestErrors(short apiKey) => LibRdKafka.rd_kafka_mock_clear_request_errors(Cluster, apiKey);

    /// <summary>The mock waits 3 s by default before the first rebalance of a new group; tests want less.</summary>
    public void SetGroupInitialRebalanceDelay(TimeSpan delay) =>
        LibRdKafka.rd_kafka_mock_group_initial_rebalance_delay_ms(Cluster, checked((int)delay.TotalMilliseconds));

    public void Dispose()
    {
        lock (gate)
        {
            if (cluster != IntPtr.Zero)
            {
                LibRdKafka.rd_kafka_mock_cluster_destroy(cluster);
                cluster = IntPtr.Zero;
            }

            if (handle != IntPtr.Zero)
            {
                LibRdKafka.rd_kafka_destroy(handle);
                handle = IntPtr.Zero;
            }
        }
    }

    private IntPtr Cluster
    {
        get
        {
            var mc = cluster;
            ObjectDisposedException.ThrowIf(mc == IntPtr.Zero, this);
            return mc;
        }
    }

    private static void Check(int err)
    {
        if (err != 0)
        {
            throw new KafkaException((ErrorCode)err);
        }
    }

    private static string ErrorText(byte[] errstr)
    {
        var end = Array.IndexOf(errstr, (byte)0);
        return Encoding.UTF8.GetString(errstr, 0, end < 0 ? errstr.Length : end);
    }
}
