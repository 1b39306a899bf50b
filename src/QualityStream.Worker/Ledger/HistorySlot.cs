using System.Buffers.Binary;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;
using CoreMetrics = QualityStream.Core.Thresholds.Metrics;

namespace QualityStream.Worker.Ledger;

/// <summary>
/// One rate-history point in 24 bytes: per metric (contract order) a rate as a 16-bit code (0 = no point, 1 = no rate,
/// else 2 + rate × 10,000), then per metric the sample as 32 bits, little-endian. A slot never written reads as zeros,
/// which is "no point".
/// </summary>
public static class HistorySlot
{
    public const int Size = 24;
    private const double Scale = 10_000;

    public static byte[] Encode(IReadOnlyDictionary<string, MetricSnapshot> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var slot = new byte[Size];
        for (var i = 0; i < CoreMetrics.All.Count; i++)
        {
            metrics.TryGetValue(CoreMetrics.All[i].Code(), out var m);
            ushort code = m?.Rate is { } rate ? (ushort)(2 + Math.Round(Math.Clamp(rate, 0, 1) * Scale)) : (ushort)1;
            BinaryPrimitives.WriteUInt16LittleEndian(slot.AsSpan(i * 2), code);
            BinaryPrimitives.WriteUInt32LittleEndian(slot.AsSpan(8 + (i * 4)), (uint)Math.Clamp(m?.Denominator ?? 0, 0, uint.MaxValue));
        }

        return slot;
    }

    /// <summary>The point in <paramref name="slot"/>, or null where none was written.</summary>
    public static (Dictionary<string, double?> Rates, Dictionary<string, long> Samples)? Decode(ReadOnlySpan<byte> slot)
    {
        if (slot.Length < Size || BinaryPrimitives.ReadUInt16LittleEndian(slot) == 0)
        {
            return null;
        }

        var rates = new Dictionary<string, double?>(4, StringComparer.Ordinal);
        var samples = new Dictionary<string, long>(4, StringComparer.Ordinal);
        for (var i = 0; i < CoreMetrics.All.Count; i++)
        {
            var code = BinaryPrimitives.ReadUInt16LittleEndian(slot[(i * 2)..]);
            var metric = CoreMetrics.All[i].Code();
            rates[metric] = code >= 2 ? (code - 2) / Scale : null;
            samples[metric] = BinaryPrimitives.ReadUInt32LittleEndian(slot[(8 + (i * 4))..]);
        }

        return (rates, samples);
    }

    /// <summary>The cell's key part: <c>scope|buyer|source</c> (ids never hold <c>|</c>, contract §1).</summary>
    public static string CellKey(CellScope scope, string? buyerId, string? sourceId) => $"{scope.Code()}|{buyerId}|{sourceId}";

    public static (CellScope Scope, string? BuyerId, string? SourceId) ParseCellKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split('|');
        var scope = CellScopes.TryParse(parts[0], out var parsed) ? parsed : CellScope.Buyer;
        return (scope, parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null, parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null);
    }
}
