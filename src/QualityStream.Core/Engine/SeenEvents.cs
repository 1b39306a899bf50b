namespace QualityStream.Core.Engine;

/// <summary>
/// Feedback eventIds seen within the retention, as 64-bit hashes in two generations: the older one is dropped
/// when the newer one is a full retention old, so memory stays bounded and every id is remembered at least that long.
/// </summary>
internal sealed class SeenEvents(long retentionSeconds)
{
    private HashSet<ulong> _current = [];
    private HashSet<ulong> _previous = [];
    private long _currentSince = long.MinValue;

    public int Count => _current.Count + _previous.Count;

    public bool Contains(ulong key) => _current.Contains(key) || _previous.Contains(key);

    public void Add(ulong key) => _current.Add(key);

    public void Advance(long nowSec)
    {
        if (_currentSince == long.MinValue)
        {
            _currentSince = nowSec;
        }
        else if (nowSec - _currentSince >= retentionSeconds)
        {
            // Reuse the old set's storage: rotation allocates nothing once both sets have grown.
            (_previous, _current) = (_current, _previous);
            _current.Clear();
            _currentSince = nowSec;
        }
    }

    public IEnumerable<ulong> Keys => _current.Concat(_previous);

    internal (long Since, ulong[] Current, ulong[] Previous) Export() => (_currentSince, [.. _current], [.. _previous]);

    internal void Import(long since, IEnumerable<ulong> current, IEnumerable<ulong> previous)
    {
        _currentSince = since;
        _current = [.. current];
        _previous = [.. previous];
    }
}
