using QualityStream.Core.Collections;
using QualityStream.Core.Duplicates;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Engine;

/// <summary>
/// The cells of one task — buyers, sources and buyer×source pairs, numbered in the order they first appear and never
/// removed — with everything kept per cell: counters per window, returns by reason, the alerting state of each metric,
/// and which cells are waiting to be judged or reported. Per-cell data lives in arrays indexed by cell rather than in
/// the <see cref="Cell"/> objects, so that marking a cell touches a few small arrays the hot path keeps in cache.
/// Source cells only count here: a source's leads are spread over every task, so its state is judged on the sums
/// (<see cref="SourceStage"/>).
/// </summary>
internal sealed class CellTable
{
    public const int MetricCount = 4;
    public const int AllMetrics = (1 << MetricCount) - 1;

    private readonly int _windows;
    private readonly Dictionary<string, int> _buyers = new(StringComparer.Ordinal);
    private readonly List<int> _buyerCells = [];
    private readonly Dictionary<string, int> _sourceCells = new(StringComparer.Ordinal);
    // Open addressing, one probe: a Dictionary's bucket-then-entry lookup was two cache misses per delivery.
    private readonly KeyIndex _pairCells = new();
    private readonly List<Cell> _cells = [];
    private WindowCounters[] _counters;
    private ReasonCounts[] _reasons;
    private int[] _judgedOn;
    private MetricState[] _states = new MetricState[64 * MetricCount];
    private int[] _evalMask = new int[64];
    private bool[] _ratesDirty = new bool[64];
    private bool[] _sourceChanged = new bool[64];
    private readonly List<int> _changedSources = [];
    private readonly List<int> _evalQueue = [];
    private readonly List<int> _rateDirtyCells = [];
    private readonly List<Cell> _timerCells = [];

    public CellTable(int windows)
    {
        _windows = windows;
        _counters = new WindowCounters[64 * windows];
        _reasons = new ReasonCounts[64 * windows];
        _judgedOn = new int[64 * windows];
    }

    public int Count => _cells.Count;

    public Cell this[int index] => _cells[index];

    public IReadOnlyList<Cell> All => _cells;

    public IEnumerable<Cell> Sources => _sourceCells.Values.Select(i => _cells[i]);

    /// <summary>The source cells whose counts moved since <see cref="ClearChangedSources"/>, for the source stage's records.</summary>
    public IReadOnlyList<int> ChangedSources => _changedSources;

    public void SourceChanged(int cell)
    {
        if (!_sourceChanged[cell])
        {
            _sourceChanged[cell] = true;
            _changedSources.Add(cell);
        }
    }

    public void ClearChangedSources()
    {
        foreach (var cell in _changedSources)
        {
            _sourceChanged[cell] = false;
        }

        _changedSources.Clear();
    }

    public bool TryGetBuyer(string buyerId, out int buyer) => _buyers.TryGetValue(buyerId, out buyer);

    /// <summary>The buyer's number in this task, added (with its cell) if new.</summary>
    public int Buyer(string buyerId)
    {
        if (_buyers.TryGetValue(buyerId, out var buyer))
        {
            return buyer;
        }

        buyer = _buyers.Count;
        _buyers.Add(buyerId, buyer);
        _buyerCells.Add(NewCell(CellScope.Buyer, buyerId, null));
        return buyer;
    }

    public int BuyerCell(int buyer) => _buyerCells[buyer];

    public int SourceCell(string sourceId)
    {
        if (!_sourceCells.TryGetValue(sourceId, out var cell))
        {
            cell = NewCell(CellScope.Source, null, sourceId);
            _sourceCells.Add(sourceId, cell);
        }

        return cell;
    }

    public int PairCell(int buyer, string buyerId, int sourceCell, string sourceId)
    {
        var key = DuplicateIndex.Key(buyer, (uint)sourceCell);
        var cell = _pairCells.Find(key);
        if (cell < 0)
        {
            cell = NewCell(CellScope.BuyerSource, buyerId, sourceId);
            _pairCells.Push(key, cell);
        }

        return cell;
    }

    /// <summary>The cell of this scope and ids, added if new (restore makes cells in their original order this way).</summary>
    public int CellOf(CellScope scope, string? buyerId, string? sourceId) => scope switch
    {
        CellScope.Buyer => BuyerCell(Buyer(buyerId!)),
        CellScope.Source => SourceCell(sourceId!),
        _ => PairCell(Buyer(buyerId!), buyerId!, SourceCell(sourceId!), sourceId!),
    };

    public ref WindowCounters Counters(int cell, int window) => ref _counters[(cell * _windows) + window];

    public ref ReasonCounts Reasons(int cell, int window) => ref _reasons[(cell * _windows) + window];

    public Span<MetricState> States(int cell) => _states.AsSpan(cell * MetricCount, MetricCount);

    /// <summary>A bit per metric: whether the cell's threshold for it is on this window (so counts there can move its state).</summary>
    public Span<int> JudgedOn(int cell) => _judgedOn.AsSpan(cell * _windows, _windows);

    /// <summary>
    /// The cell's rates changed on <paramref name="window"/> in the metrics of <paramref name="metrics"/> (a bit per
    /// <see cref="Metric"/>): report its rates, and judge the metrics whose threshold is on that window. The others'
    /// states cannot move, since a state depends on its own window's counters alone.
    /// </summary>
    public void Touch(int cell, int metrics, int window)
    {
        if (!_ratesDirty[cell])
        {
            _ratesDirty[cell] = true;
            _rateDirtyCells.Add(cell);
        }

        Enqueue(cell, metrics & _judgedOn[(cell * _windows) + window]);
    }

    /// <summary>Queues the cell's <paramref name="metrics"/> to be judged (never a source cell's: see the type's remarks).</summary>
    public void Enqueue(int cell, int metrics = AllMetrics)
    {
        if (metrics == 0 || _cells[cell].Scope == CellScope.Source)
        {
            return;
        }

        if (_evalMask[cell] == 0)
        {
            _evalQueue.Add(cell);
            // Judging reads all four states, usually not in cache for a buyer×source cell: start those loads now, so
            // that they overlap with the rest of the event and with each other.
            Prefetch.Lines<MetricState>(States(cell));
        }

        _evalMask[cell] |= metrics;
    }

    public void EnqueueAll()
    {
        for (var cell = 0; cell < _cells.Count; cell++)
        {
            Enqueue(cell);
        }
    }

    public bool HasQueued => _evalQueue.Count > 0;

    /// <summary>
    /// The queued cells, each with the metrics to judge, in the order they were queued or, with
    /// <paramref name="byCell"/>, in cell order; the queue is empty after. Time moving on queues cells in an order that
    /// depends on how the task's tables were built (a restored task builds them anew), so it judges them by cell, and
    /// numbers their changes the same way whatever the history.
    /// </summary>
    public void DrainQueue(Action<int, int> judge, bool byCell = false)
    {
        if (byCell)
        {
            _evalQueue.Sort();
        }

        // Index loop: judging never queues, but keep it robust against growth.
        for (var i = 0; i < _evalQueue.Count; i++)
        {
            var cell = _evalQueue[i];
            var mask = _evalMask[cell];
            _evalMask[cell] = 0;
            judge(cell, mask);
        }

        _evalQueue.Clear();
    }

    public bool HasTimers => _timerCells.Count > 0;

    /// <summary>Keeps the cell on the list of cells with a running pending timer while it has one.</summary>
    public void TrackTimer(int cell)
    {
        if (!_cells[cell].InTimers && StateMachine.HasTimer(States(cell)))
        {
            _cells[cell].InTimers = true;
            _timerCells.Add(_cells[cell]);
        }
    }

    /// <summary>Queues every cell whose pending timer still runs, and forgets the others.</summary>
    public void QueueTimers()
    {
        // A loop rather than RemoveAll: a predicate reading the state array would allocate a delegate per call.
        var kept = 0;
        for (var i = 0; i < _timerCells.Count; i++)
        {
            var cell = _timerCells[i];
            cell.InTimers = StateMachine.HasTimer(States(cell.Index));
            if (cell.InTimers)
            {
                _timerCells[kept++] = cell;
                Enqueue(cell.Index);
            }
        }

        _timerCells.RemoveRange(kept, _timerCells.Count - kept);
    }

    /// <summary>The cells whose rates changed since the last call.</summary>
    public IReadOnlyList<int> RateDirty => _rateDirtyCells;

    public void ClearRateDirty()
    {
        foreach (var cell in _rateDirtyCells)
        {
            _ratesDirty[cell] = false;
        }

        _rateDirtyCells.Clear();
    }

    private int NewCell(CellScope scope, string? buyerId, string? sourceId)
    {
        var index = _cells.Count;
        _cells.Add(new Cell(index, scope, buyerId, sourceId));
        if (index == _evalMask.Length)
        {
            Array.Resize(ref _evalMask, index * 2);
            Array.Resize(ref _ratesDirty, index * 2);
            Array.Resize(ref _sourceChanged, index * 2);
            Array.Resize(ref _counters, index * 2 * _windows);
            Array.Resize(ref _reasons, index * 2 * _windows);
            Array.Resize(ref _judgedOn, index * 2 * _windows);
            Array.Resize(ref _states, index * 2 * MetricCount);
        }

        States(index).Fill(new MetricState());
        // Until its thresholds are resolved, a cell may judge any metric on any window.
        JudgedOn(index).Fill(AllMetrics);
        // Every metric is judged once at birth, so each shows its threshold even before its own counters move.
        Enqueue(index);
        return index;
    }
}
