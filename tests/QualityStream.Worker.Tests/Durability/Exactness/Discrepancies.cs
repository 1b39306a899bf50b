using System.Text;

namespace QualityStream.Worker.Tests.Durability.Exactness;

/// <summary>
/// Every way a run differs from what it should show, by area, so one failure tells the whole story (the snapshot, the
/// state-change topic and the notices) and not only the first assertion that broke. Each area lists its first lines.
/// </summary>
internal sealed class Discrepancies(string context)
{
    private const int Shown = 12;
    private readonly List<(string Area, List<string> Lines)> _areas = [];

    public bool Any => _areas.Count > 0;

    public void Add(string area, IReadOnlyCollection<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count > 0)
        {
            _areas.Add((area, [.. lines]));
        }
    }

    public void Add(string area, string line) => Add(area, [line]);

    public void ThrowIfAny()
    {
        if (!Any)
        {
            return;
        }

        var text = new StringBuilder(context).AppendLine();
        foreach (var (area, lines) in _areas)
        {
            text.AppendLine().AppendLine($"{area}: {lines.Count} difference(s)");
            foreach (var line in lines.Take(Shown))
            {
                text.AppendLine("  " + line);
            }

            if (lines.Count > Shown)
            {
                text.AppendLine($"  … and {lines.Count - Shown} more");
            }
        }

        Assert.Fail(text.ToString());
    }
}
