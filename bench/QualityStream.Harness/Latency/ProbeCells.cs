using System.Diagnostics;
using System.Text;
using QualityStream.Core.Thresholds;
using QualityStream.Harness.Traffic;

namespace QualityStream.Harness.Latency;

/// <summary>
/// One probe buyer per partition, each with a single buyer×source cell whose validity threshold is 0.5 (minSample 1,
/// pendingSeconds 0). Probe leads alternate invalid, valid, invalid, … so after the n-th lead the cell's validity is
/// below 0.5 for odd n (→ breach) and exactly 0.5 for even n (→ ok): every probe lead flips the cell, and the change it
/// causes carries <c>sample</c> = n. A received change is matched to its lead by (buyer, sample), whatever the order.
/// </summary>
public sealed class ProbeCells
{
    public const string SourceId = "probe-src";
    private const long FirstId = 9_000_000_000;

    private readonly byte[][] _keys;
    private readonly int[] _count;
    private readonly long[][] _producedAt;
    private readonly DeliveryTemplate _valid;
    private readonly DeliveryTemplate _invalid;
    private long _next = FirstId;

    public ProbeCells(int cells, int capacityPerCell)
    {
        BuyerIds = [.. Enumerable.Range(0, cells).Select(i => $"probe-{i:00}")];
        _keys = [.. BuyerIds.Select(Encoding.UTF8.GetBytes)];
        _count = new int[cells];
        _producedAt = [.. Enumerable.Range(0, cells).Select(_ => new long[capacityPerCell + 1])];
        _valid = new DeliveryTemplate("probe-", 2, SourceId, 0, Persona.Valid[0], "auto_insurance");
        _invalid = new DeliveryTemplate("probe-", 2, SourceId, 0, Persona.MissingName, "auto_insurance");
    }

    public IReadOnlyList<string> BuyerIds { get; }

    /// <summary>Sends the next lead of the cells in turn (cell i lives on partition i); returns its cell and sample.</summary>
    public (int Cell, int Sample) Produce(EventProducer producer, long unixMs)
    {
        ArgumentNullException.ThrowIfNull(producer);
        var id = _next++;
        var cell = (int)(id % _keys.Length);
        var sample = ++_count[cell];
        var template = sample % 2 == 1 ? _invalid : _valid;
        var value = template.Fill(id, id, cell, 0, unixMs, id, invalidPhone: false);
        _producedAt[cell][sample] = Stopwatch.GetTimestamp();
        producer.Produce(new TrafficEvent(true, cell, _keys[cell], value, unixMs));
        return (cell, sample);
    }

    /// <summary>The Stopwatch timestamp at which the lead that makes <paramref name="sample"/> in this cell was produced.</summary>
    public long ProducedAt(int cell, int sample) => _producedAt[cell][sample];

    public int CellOf(string? buyerId) =>
        buyerId is { Length: 8 } && buyerId.StartsWith("probe-", StringComparison.Ordinal) ? int.Parse(buyerId.AsSpan(6), System.Globalization.CultureInfo.InvariantCulture) : -1;

    public static MetricStatus ExpectedState(long sample) => sample % 2 == 1 ? MetricStatus.Breach : MetricStatus.Ok;
}
