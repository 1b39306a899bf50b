using QualityStream.Core.Duplicates;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Engine;

/// <summary>
/// The quality engine: applies deliveries and feedback to exact sliding-window rates per buyer, source and buyer×source,
/// and runs each cell's state machine against its thresholds. Pure and single-threaded: no I/O, no locks, time from the
/// events and from an injected <see cref="TimeProvider"/>. Outputs are collected by the caller after each call
/// (<see cref="DrainStateChanges"/>, <see cref="DrainExpiredFeedback"/>, <see cref="CollectRateUpdates"/>).
/// </summary>
public sealed partial class QualityEngine
{
    private readonly TimeProvider _time;
    private readonly WindowSpec[] _windows;
    private readonly long _longestWindowSec;
    private readonly long _retentionSec;
    private readonly long _orphanGraceSec;
    private readonly Dictionary<string, byte> _returnDays;
    private readonly byte _defaultReturnDays;

    private readonly Dictionary<string, int> _buyers = new(StringComparer.Ordinal);
    private readonly List<int> _buyerCells = [];
    private readonly Dictionary<string, int> _sourceCells = new(StringComparer.Ordinal);
    // Open addressing, one probe: a Dictionary's bucket-then-entry lookup was two cache misses per delivery.
    private readonly KeyIndex _pairCells = new();
    private readonly List<Cell> _cells = [];
    private WindowCounters[] _counters;
    private ReasonCounts[] _reasons;

    private readonly LeadStore _leads;
    private DuplicateIndex _duplicates;
    private readonly SeenEvents _seenEvents;
    private readonly PendingFeedback _pending = new();

    private ThresholdSet _thresholds = ThresholdSet.Empty;
    private readonly Dictionary<ResolvedThreshold, ThresholdLevels> _levels = new(ReferenceEqualityComparer.Instance);
    private long _thresholdVersion;

    private readonly List<QualityStateChanged> _changes = [];
    private readonly List<ExpiredFeedback> _expired = [];
    private readonly List<Cell> _timerCells = [];

    // Per-cell flags the hot path reads and writes, kept in arrays by cell index rather than in the Cell objects, so
    // that marking a cell touches a few small, cache-resident arrays instead of one heap object per cell.
    private int[] _evalMask = new int[64];
    private bool[] _ratesDirty = new bool[64];
    private int[] _judgedOn;
    private MetricState[] _states = new MetricState[64 * MetricCount];
    private readonly List<int> _evalQueue = [];
    private readonly List<int> _rateDirtyCells = [];

    public QualityEngine(QualityEngineOptions options, TimeProvider time)
        : this(options, time, touchTables: true)
    {
    }

    // Restore passes false: it replaces or grows the tables after construction and touches them once, at the end.
    private QualityEngine(QualityEngineOptions options, TimeProvider time, bool touchTables)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        _time = time;
        Options = options;
        _windows = [.. options.WindowNames.Select(WindowSpec.Parse)];
        _longestWindowSec = _windows.Max(w => w.Seconds);
        _returnDays = options.ReturnWindowDays.ToDictionary(kv => kv.Key, kv => (byte)kv.Value, StringComparer.Ordinal);
        _defaultReturnDays = _returnDays["default"];
        // Leads are kept past the longest window until the longest return window has passed, so that a return
        // arriving days later is recognised (and classified as late_return when past its window) instead of an orphan.
        _retentionSec = Math.Max(_longestWindowSec, _returnDays.Values.Max() * 86400L + 86400);
        _orphanGraceSec = options.OrphanGraceSeconds;
        _duplicates = new DuplicateIndex(TimeSpan.FromDays(options.DuplicateLookbackDays));
        _seenEvents = new SeenEvents(_retentionSec);
        // Room for leads up to the largest future skew ahead of engine time, which they may be (see AdvanceToEvent).
        _leads = new LeadStore(_retentionSec + MaxClockSkewSec);
        _counters = new WindowCounters[64 * _windows.Length];
        _reasons = new ReasonCounts[64 * _windows.Length];
        _judgedOn = new int[64 * _windows.Length];
        _expiredThrough = new long[_windows.Length];
        PreSize();
        if (touchTables)
        {
            TouchTables();
        }
    }

    /// <summary>Sizes the tables for <see cref="QualityEngineOptions.ExpectedLeadsPerDay"/>, each for how long its entries live.</summary>
    private void PreSize()
    {
        var perDay = (double)Options.ExpectedLeadsPerDay;
        var leads = Entries(perDay * _retentionSec / 86400);
        _leads.EnsureCapacity(leads);
        // Fingerprints are kept a longest window beyond the lookback (see AdvanceTo); two a lead, phone and email.
        _duplicates.Reserve(Entries(2 * perDay * (Options.DuplicateLookbackDays + (_longestWindowSec / 86400.0))));
        // A delivery's id and, typically, one or two feedback ids a lead.
        _seenEvents.Reserve(Entries(2.0 * leads));
    }

    /// <summary>Faults the sized tables in now, not at random during the first minutes of traffic.</summary>
    private void TouchTables()
    {
        _leads.Touch();
        _duplicates.Touch();
        _seenEvents.Touch();
    }

    private static int Entries(double expected) => (int)Math.Min(expected, 1 << 28);

    public QualityEngineOptions Options { get; }

    public IReadOnlyList<WindowSpec> Windows => _windows;

    /// <summary>The last <c>seq</c> given to a state change; increases by one per change.</summary>
    public long Seq { get; private set; }

    public int TrackedLeads => _leads.Count;

    public int CellCount => _cells.Count;

    /// <summary>Slots of the growable tables, to tell whether a pre-sized engine had to grow.</summary>
    internal (int Leads, int LeadIndex, int Fingerprints, int FeedbackIds) Capacities =>
        (_leads.Capacity, _leads.IndexCapacity, _duplicates.Capacity, _seenEvents.Capacity);

    public int PendingFeedbackCount => _pending.Count;

    /// <summary>Held feedback applied so far because its lead arrived within the grace period.</summary>
    public long ReleasedFeedback { get; private set; }

    public ThresholdSet Thresholds => _thresholds;

    /// <summary>Replaces the thresholds; every cell is re-evaluated at once, so a change takes effect on this call.</summary>
    public void SetThresholds(ThresholdSet thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        _thresholds = thresholds;
        _thresholdVersion++;
        _levels.Clear();
        for (var cell = 0; cell < _cells.Count; cell++)
        {
            Enqueue(cell);
        }

        EvaluateQueued();
    }

    public int DrainStateChanges(ICollection<QualityStateChanged> into) => Drain(_changes, into);

    public int DrainExpiredFeedback(ICollection<ExpiredFeedback> into) => Drain(_expired, into);

    private static int Drain<T>(List<T> from, ICollection<T> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var n = from.Count;
        foreach (var item in from)
        {
            into.Add(item);
        }

        from.Clear();
        return n;
    }

    private int WindowIndex(string name)
    {
        for (var i = 0; i < _windows.Length; i++)
        {
            if (_windows[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private ref WindowCounters Counters(int cell, int window) => ref _counters[(cell * _windows.Length) + window];

    private ref ReasonCounts Reasons(int cell, int window) => ref _reasons[(cell * _windows.Length) + window];

    private Span<MetricState> StatesOf(int cell) => _states.AsSpan(cell * MetricCount, MetricCount);
}
