using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Ledger;

/// <summary>
/// How many quality problems a buyer had in the 90 days before a moment: its buyer and buyer×source incidents that
/// reached breach then, where incidents of one metric whose open periods overlap count once (a bad source breaches the
/// buyer's cell and the buyer×source cell together; the buyer lived through one problem, not two).
/// </summary>
public static class TrustCount
{
    public static Dictionary<string, int> ByBuyer(IEnumerable<IncidentRecord> incidents, DateTimeOffset asOf)
    {
        var from = asOf.AddDays(-TrustTable.Days);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var breached = incidents
            .Where(i => i.Scope != CellScope.Source && i.BuyerId is not null && i.EscalatedAt is { } e && e > from && e <= asOf)
            .GroupBy(i => (i.BuyerId!, i.Metric));
        foreach (var group in breached)
        {
            var problems = 0;
            var end = DateTimeOffset.MinValue;
            foreach (var i in group.OrderBy(i => i.OpenedAt))
            {
                if (i.OpenedAt > end)
                {
                    problems++;
                }

                var closes = i.ClosedAt is { } c && c < asOf ? c : asOf;
                end = closes > end ? closes : end;
            }

            counts[group.Key.Item1] = counts.GetValueOrDefault(group.Key.Item1) + problems;
        }

        return counts;
    }
}
