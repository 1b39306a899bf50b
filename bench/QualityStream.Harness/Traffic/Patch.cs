using System.Globalization;

namespace QualityStream.Harness.Traffic;

/// <summary>Writes fixed-width values into template slots: zero-padded decimals and RFC 3339 UTC millisecond times.</summary>
internal static class Patch
{
    public const int TimestampWidth = 24;

    public static void Digits(Span<byte> slot, long value)
    {
        for (var i = slot.Length - 1; i >= 0; i--)
        {
            slot[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>"2026-11-24T13:05:09.123Z": 24 bytes.</summary>
    public static void Timestamp(Span<byte> slot, long unixMs)
    {
        var at = DateTime.UnixEpoch.AddMilliseconds(unixMs);
        if (!at.TryFormat(slot, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) || written != TimestampWidth)
        {
            throw new InvalidOperationException($"timestamp {at:O} does not fit the template slot");
        }
    }
}
