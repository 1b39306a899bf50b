using System.Globalization;

namespace QualityStream.Core.Engine;

/// <summary>A sliding window by its configured name (<c>30m</c>, <c>1h</c>, <c>24h</c>, <c>7d</c>) and length in seconds.</summary>
public sealed record WindowSpec(string Name, long Seconds)
{
    public static WindowSpec Parse(string name) =>
        TryParse(name, out var window) ? window! : throw new FormatException($"'{name}' is not a window (e.g. 30m, 1h, 24h, 7d)");

    public static bool TryParse(string? name, out WindowSpec? window)
    {
        window = null;
        if (string.IsNullOrEmpty(name) || name.Length < 2)
        {
            return false;
        }

        long unit = name[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 };
        if (unit == 0 || !long.TryParse(name.AsSpan(0, name.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count <= 0 || count > 366 * 86400 / unit)
        {
            return false;
        }

        window = new WindowSpec(name, count * unit);
        return true;
    }

    /// <summary>Where the window called <paramref name="name"/> is in <paramref name="windows"/>; -1 if it is not there.</summary>
    public static int IndexOf(WindowSpec[] windows, string name)
    {
        ArgumentNullException.ThrowIfNull(windows);
        for (var i = 0; i < windows.Length; i++)
        {
            if (windows[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
