using QualityStream.Core.Duplicates;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Engine;

/// <summary>
/// The quality engine of one partition task: applies deliveries and feedback to exact sliding-window rates per buyer and
/// buyer×source (and counts per source, which <see cref="SourceStage"/> sums over tasks), and runs each cell's state
/// machine against its thresholds. Pure and single-threaded: no I/O, no locks. Its time is the time of its events
/// (never past the wall clock of the injected <see cref="TimeProvider"/>), moved on by the caller when its input is
/// quiet (<see cref="AdvanceTime"/>), so the same input gives the same output however and whenever it is replayed.
/// Outputs are collected by the caller after each call (<see cref="DrainStateChanges"/>,
/// <see cref="DrainExpiredFeedback"/>, <see cref="DrainSourceCounts"/>, <see cref="CollectRateUpdates"/>).
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

    private readonly CellTable _cells;
    private readonly LeadStore _leads;
    private DuplicateIndex _duplicates;
    private readonly DailyLeads _daily = new();
    private readonly SeenEvents _seenEvents;
    private readonly PendingFeedback _pending = new();

    private ThresholdSet _thresholds = ThresholdSet.Empty;
    private long _thresholdVersion;
    private StateChangeReason _judgingFor = StateChangeReason.Rate;

    private readonly List<QualityStateChanged> _changes = [];
    private readonly List<ExpiredFeedback> _expired = [];
    private readonly Action<int, int> _judge;

    /// <param name="options">Settings; their validation errors throw.</param>
    /// <param name="time">The wall clock, which engine time never passes.</param>
    /// <param name="stream">The name the task's state changes carry (<c>p7</c>), with their own <see cref="Seq"/>.</param>
    public QualityEngine(QualityEngineOptions options, TimeProvider time, string stream = "")
        : this(options, time, stream, touchTables: true)
    {
    }

    // Restore passes false: it replaces or grows the tables after construction and touches them once, at the end.
    private QualityEngine(QualityEngineOptions options, TimeProvider time, string stream, bool touchTables)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stream);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        _time = time;
        Options = options;
        Stream = stream;
        _windows = [.. options.WindowNames.Select(WindowSpec.Parse)];
        _longestWindowSec = _windows.Max(w => w.Seconds);
        _returnDays = options.ReturnWindowDays.ToDictionary(kv => kv.Key, kv => (byte)kv.Value, StringComparer.Ordinal);
        _defaultReturnDays = _returnDays["default"];
        // Leads are kept past the longest window until the longest return window has passed, so that a return
        // arriving days later is recognised (and classified as late_return when past its window) instead of an orphan.
        _retentionSec = Math.Max(_longestWindowSec, _returnDays.Values.Max() * 86400L + 86400);
        _orphanGraceSec = options.OrphanGraceSeconds;
        _cells = new CellTable(_windows.Length);
        _duplicates = new DuplicateIndex(TimeSpan.FromDays(options.DuplicateLookbackDays));
        _seenEvents = new SeenEvents(_retentionSec);
        // Room for leads up to the largest future skew ahead of engine time, which they may be (see AdvanceToEvent).
        _leads = new LeadStore(_retentionSec + MaxClockSkewSec);
        _expiredThrough = new long[_windows.Length];
        _judge = Judge;
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
        // Fingerprints are kept a longest window beyond the lookback (see StepTo); two a lead, phone and email.
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

    /// <summary>The name this task's state changes carry.</summary>
    public string Stream { get; }

    public IReadOnlyList<WindowSpec> Windows => _windows;

    /// <summary>The last <c>seq</c> given to a state change; increases by one per change and is part of the state.</summary>
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

    /// <summary>
    /// Replaces the thresholds; every cell is judged again at once under them (changes caused so carry the reason
    /// <see cref="StateChangeReason.Threshold"/>). A set equal to the one in force changes nothing.
    /// </summary>
    public void SetThresholds(ThresholdSet thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (thresholds.ContentEquals(_thresholds))
        {
            return;
        }

        _thresholds = thresholds;
        _thresholdVersion++;
        _cells.EnqueueAll();
        _judgingFor = StateChangeReason.Threshold;
        JudgeQueued();
        _judgingFor = StateChangeReason.Rate;
    }

    public int DrainStateChanges(ICollection<QualityStateChanged> into) => Drain(_changes, into);

    public int DrainExpiredFeedback(ICollection<ExpiredFeedback> into) => Drain(_expired, into);

    internal static int Drain<T>(List<T> from, ICollection<T> into)
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

    private int WindowIndex(string name) => WindowSpec.IndexOf(_windows, name);

    /// <summary>Adds (sign 1) or removes (sign -1) a lead's counts in the three cells it belongs to, on one window.</summary>
    private void Count(in LeadSlot lead, int window, long sign)
    {
        _cells.Counters(lead.BuyerCell, window).Add(lead.Flags, lead.PriceCents, sign);
        _cells.Counters(lead.SourceCell, window).Add(lead.Flags, lead.PriceCents, sign);
        _cells.Counters(lead.BuyerSourceCell, window).Add(lead.Flags, lead.PriceCents, sign);
        CountReason(lead, lead.Flags, window, sign);
        if (lead.Issues != Inspection.ValidityIssues.None)
        {
            CountIssues(lead, window, sign);
        }
    }

    private void CountIssues(in LeadSlot lead, int window, long sign)
    {
        for (int bits = (int)lead.Issues, i = 0; bits != 0; bits >>= 1, i++)
        {
            if ((bits & 1) != 0)
            {
                _cells.Reasons(lead.BuyerCell, window)[ReasonCounts.FirstIssue + i] += sign;
                _cells.Reasons(lead.SourceCell, window)[ReasonCounts.FirstIssue + i] += sign;
                _cells.Reasons(lead.BuyerSourceCell, window)[ReasonCounts.FirstIssue + i] += sign;
            }
        }
    }

    private void CountReason(in LeadSlot lead, LeadFlags flags, int window, long sign)
    {
        if ((flags & LeadFlags.Returned) != 0)
        {
            _cells.Reasons(lead.BuyerCell, window)[lead.ReturnReason] += sign;
            _cells.Reasons(lead.SourceCell, window)[lead.ReturnReason] += sign;
            _cells.Reasons(lead.BuyerSourceCell, window)[lead.ReturnReason] += sign;
        }
    }

    /// <summary>Marks the lead's three cells as changed on <paramref name="window"/> in the metrics of <paramref name="metrics"/>.</summary>
    private void Touch(in LeadSlot lead, int metrics, int window)
    {
        _cells.Touch(lead.BuyerCell, metrics, window);
        _cells.Touch(lead.SourceCell, metrics, window);
        _cells.Touch(lead.BuyerSourceCell, metrics, window);
        _cells.SourceChanged(lead.SourceCell);
    }
}
