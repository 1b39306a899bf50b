using QualityStream.Core.Events;

namespace QualityStream.Core.Engine;

/// <summary>
/// Feedback that arrived before its lead, held for the grace period (docs/contract.md §2). Rare by design — the worker merges
/// the two topics in timestamp order — so this favours simplicity over zero allocation.
/// </summary>
internal sealed class PendingFeedback
{
    private readonly Dictionary<ulong, List<Held>> _byLead = [];
    private readonly Queue<(ulong LeadKey, Held Item)> _byDeadline = new();

    public int Count { get; private set; }

    public void Hold(ulong leadKey, BuyerFeedback feedback, FeedbackSource? source, long deadlineSec)
    {
        var held = new Held(feedback, source, deadlineSec);
        if (!_byLead.TryGetValue(leadKey, out var list))
        {
            _byLead[leadKey] = list = [];
        }

        list.Add(held);
        _byDeadline.Enqueue((leadKey, held));
        Count++;
    }

    /// <summary>Takes every held feedback for a lead that has just been delivered.</summary>
    public List<Held>? Take(ulong leadKey)
    {
        if (Count == 0 || !_byLead.Remove(leadKey, out var list))
        {
            return null;
        }

        foreach (var held in list)
        {
            held.Released = true;
        }

        Count -= list.Count;
        return list;
    }

    /// <summary>Removes and returns, oldest first, the held feedback whose grace ran out by <paramref name="nowSec"/>.</summary>
    public IEnumerable<Held> Expire(long nowSec)
    {
        while (_byDeadline.TryPeek(out var head) && (head.Item.Released || head.Item.DeadlineSec <= nowSec))
        {
            _byDeadline.Dequeue();
            if (head.Item.Released)
            {
                continue;
            }

            var list = _byLead[head.LeadKey];
            list.Remove(head.Item);
            if (list.Count == 0)
            {
                _byLead.Remove(head.LeadKey);
            }

            Count--;
            yield return head.Item;
        }
    }

    /// <summary>Everything still held, in the order it was held (for checkpoints).</summary>
    public IEnumerable<Held> All => _byDeadline.Where(h => !h.Item.Released).Select(h => h.Item);

    internal sealed class Held(BuyerFeedback feedback, FeedbackSource? source, long deadlineSec)
    {
        public BuyerFeedback Feedback { get; } = feedback;

        public FeedbackSource? Source { get; } = source;

        public long DeadlineSec { get; } = deadlineSec;

        public bool Released { get; set; }
    }
}
