namespace QualityStream.Core.Engine;

public sealed partial class QualityEngine
{
    private readonly List<SourceCounts> _sourceCounts = [];
    // A new or restored task's first record carries every source: the stage may hold older counts of this task.
    private bool _nextSourceCountsFull = true;

    /// <summary>
    /// The last second of this task's time that is over (no event can change its counts any more): the source stage
    /// judges a second once every task has closed it. <see cref="long.MinValue"/> before the first event.
    /// </summary>
    public long ClosedThroughSec => _nowSec == long.MinValue ? long.MinValue : _nowSec - 1;

    /// <summary>The records of the seconds closed since the last call, oldest first (see <see cref="SourceCounts"/>).</summary>
    public int DrainSourceCounts(ICollection<SourceCounts> into) => Drain(_sourceCounts, into);

    /// <summary>Makes the next record carry every source: for a stage that arrived after this task and knows it not.</summary>
    public void RecountSources() => _nextSourceCountsFull = true;

    /// <summary>Ends the current second: records the counts of the sources it changed, before time moves on.</summary>
    private void CloseSecond()
    {
        var changed = _cells.ChangedSources;
        if (_nowSec == long.MinValue || (changed.Count == 0 && !_nextSourceCountsFull))
        {
            return;
        }

        var cells = _nextSourceCountsFull ? [.. _cells.Sources.Select(c => c.Index)] : changed.ToArray();
        var ids = new string[cells.Length];
        var counters = new WindowCounters[cells.Length * _windows.Length];
        var reasons = new ReasonCounts[cells.Length * _windows.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            ids[i] = _cells[cells[i]].SourceId!;
            for (var w = 0; w < _windows.Length; w++)
            {
                counters[(i * _windows.Length) + w] = _cells.Counters(cells[i], w);
                reasons[(i * _windows.Length) + w] = _cells.Reasons(cells[i], w);
            }
        }

        _sourceCounts.Add(new SourceCounts(_nowSec, _nextSourceCountsFull, ids, counters, reasons));
        _nextSourceCountsFull = false;
        _cells.ClearChangedSources();
    }
}
