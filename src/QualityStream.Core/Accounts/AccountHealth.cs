using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Accounts;

/// <summary>
/// Account shape per buyer (see <see cref="BuyerHealth"/>), from cells the engine already counts and each buyer's daily
/// volumes: no state of its own, so it costs nothing per event.
/// </summary>
public static class AccountHealth
{
    public const string SourceConcentration = "source_concentration";
    public const string RevenueConcentration = "revenue_concentration";
    public const string VolumeDecline = "volume_decline";

    /// <param name="cells">Buyer and buyer×source cells of every buyer to judge (other scopes and windows are skipped).</param>
    /// <param name="window">The window whose cells give sources, shares and revenue.</param>
    /// <param name="days">Each buyer's daily deliveries, for the weekly volumes.</param>
    /// <param name="options">When a shape warns.</param>
    public static IReadOnlyList<BuyerHealth> Of(IEnumerable<CellSnapshot> cells, string window, IEnumerable<BuyerDays> days, AccountHealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(options);
        var onWindow = cells.Where(c => c.Window == window).ToList();
        var buyers = onWindow.Where(c => c.Scope == CellScope.Buyer).ToList();
        var sources = onWindow.Where(c => c.Scope == CellScope.BuyerSource)
            .GroupBy(c => c.BuyerId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(c => (c.SourceId!, Leads(c))).ToList(), StringComparer.Ordinal);
        var weeks = days.ToDictionary(d => d.BuyerId, d => Weeks(d.Leads), StringComparer.Ordinal);
        var total = buyers.Sum(b => b.Revenue);
        return [.. buyers.OrderBy(b => b.BuyerId, StringComparer.Ordinal).Select(b =>
            Judge(b, sources.GetValueOrDefault(b.BuyerId!) ?? [], total, weeks.GetValueOrDefault(b.BuyerId!) ?? new long[4], window, options))];
    }

    private static BuyerHealth Judge(CellSnapshot buyer, List<(string Id, long Leads)> sources, decimal total, long[] weeks, string window,
        AccountHealthOptions options)
    {
        var leads = Leads(buyer);
        var top = sources.OrderByDescending(s => s.Leads).ThenBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault();
        double? topShare = leads > 0 && top.Id is not null ? (double)top.Leads / leads : null;
        double? hhi = leads > 0 ? sources.Sum(s => Math.Pow((double)s.Leads / leads, 2)) : null;
        double? revenueShare = total > 0 ? (double)(buyer.Revenue / total) : null;
        var (before, last) = (weeks[2], weeks[3]);
        double? change = before > 0 ? ((double)last / before) - 1 : null;

        var warnings = new List<string>();
        if (leads >= options.MinLeads && topShare > options.SourceShareWarn)
        {
            warnings.Add(SourceConcentration);
        }

        if (revenueShare > options.RevenueShareWarn)
        {
            warnings.Add(RevenueConcentration);
        }

        // Gradual, not one bad week: two declines in a row that add up to the warn fraction.
        if (weeks[1] >= options.MinLeads && weeks[1] > weeks[2] && weeks[2] > weeks[3] && weeks[3] <= (1 - options.VolumeDeclineWarn) * weeks[1])
        {
            warnings.Add(VolumeDecline);
        }

        return new BuyerHealth(buyer.BuyerId!, window, leads, top.Id, topShare, hhi, buyer.Revenue, revenueShare, weeks, change, warnings);
    }

    private static long Leads(CellSnapshot cell) => cell.Metrics.TryGetValue("validity", out var validity) ? validity.Denominator : 0;

    /// <summary>The four whole weeks before the day in progress (the last entry), oldest first.</summary>
    private static long[] Weeks(IReadOnlyList<long> days)
    {
        var weeks = new long[4];
        for (var week = 0; week < 4; week++)
        {
            for (var day = 0; day < 7; day++)
            {
                var index = days.Count - 1 - (7 * (4 - week)) + day;
                weeks[week] += index >= 0 ? days[index] : 0;
            }
        }

        return weeks;
    }
}
