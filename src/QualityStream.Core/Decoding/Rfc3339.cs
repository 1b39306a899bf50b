namespace QualityStream.Core.Decoding;

/// <summary>
/// Strict RFC 3339 <c>date-time</c> on UTF-8 bytes: <c>YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)</c>.
/// Utf8JsonReader's own date parsing accepts timestamps without an offset (read as local time), which the
/// contract forbids, so we parse ourselves. Fractions beyond 100 ns are truncated; leap seconds (:60) are
/// rejected because DateTimeOffset cannot hold them.
/// </summary>
internal static class Rfc3339
{
    public static bool TryParseUtc(ReadOnlySpan<byte> s, out DateTimeOffset utc)
    {
        utc = default;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || (s[10] | 0x20) != 't' || s[13] != ':' || s[16] != ':'
            || !Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        var pos = 19;
        long fraction = 0;
        if (s[pos] == '.')
        {
            var digits = 0;
            for (pos++; pos < s.Length && char.IsAsciiDigit((char)s[pos]); pos++, digits++)
            {
                if (digits < 7)
                {
                    fraction = (fraction * 10) + (s[pos] - '0');
                }
            }

            if (digits == 0)
            {
                return false;
            }

            for (; digits < 7; digits++)
            {
                fraction *= 10;
            }
        }

        if (!TryOffset(s[pos..], out var offsetMinutes)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second).Ticks + fraction - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (ticks < 0 || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        utc = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private static bool TryOffset(ReadOnlySpan<byte> s, out int minutes)
    {
        minutes = 0;
        if (s.Length == 1 && (s[0] | 0x20) == 'z')
        {
            return true;
        }

        if (s.Length != 6 || s[0] is not ((byte)'+' or (byte)'-') || s[3] != ':'
            || !Digits(s, 1, 2, out var hours) || !Digits(s, 4, 2, out var mins) || hours > 23 || mins > 59)
        {
            return false;
        }

        minutes = (s[0] == '-' ? -1 : 1) * ((hours * 60) + mins);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }
}
