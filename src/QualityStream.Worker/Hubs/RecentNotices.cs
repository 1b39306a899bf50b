using System.Collections.Concurrent;
using QualityStream.Core.Notices;

namespace QualityStream.Worker.Hubs;

/// <summary>
/// The last notices of each buyer, in memory, so a buyer who opens the page after a notice went out still reads it
/// (notices are not stored anywhere else a page could ask). Lost on restart; the Kafka topic remains the record.
/// </summary>
public sealed class RecentNotices
{
    public const int PerBuyer = 20;

    private readonly ConcurrentDictionary<string, Queue<BuyerNotice>> _byBuyer = new(StringComparer.Ordinal);

    public void Add(BuyerNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var queue = _byBuyer.GetOrAdd(notice.BuyerId, _ => new Queue<BuyerNotice>(PerBuyer));
        lock (queue)
        {
            queue.Enqueue(notice);
            if (queue.Count > PerBuyer)
            {
                queue.Dequeue();
            }
        }
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<BuyerNotice> For(string buyerId)
    {
        if (!_byBuyer.TryGetValue(buyerId, out var queue))
        {
            return [];
        }

        lock (queue)
        {
            return [.. queue];
        }
    }
}
