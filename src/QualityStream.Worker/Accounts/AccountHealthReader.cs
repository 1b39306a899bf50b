using Microsoft.Extensions.Options;
using QualityStream.Core.Engine;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Accounts;
using QualityStream.Worker.Feed;
using QualityStream.Worker.Ledger;
using StackExchange.Redis;

namespace QualityStream.Worker.Accounts;

/// <summary>
/// Each buyer's account shape now, from the feed's cells on the accounts window and its daily volumes, with its trust
/// from the incident ledger where the worker keeps one.
/// </summary>
public sealed class AccountHealthReader(IQualityFeed feed, IOptions<AccountsOptions> accounts, IOptions<QualityEngineOptions> quality,
    ILogger<AccountHealthReader> log, TrustReader? trust = null)
{
    private readonly AccountHealthOptions _options = accounts.Value.ToHealth();

    /// <summary>The accounts window: the one configured, or the longest of <c>Quality:Windows</c>.</summary>
    public string Window { get; } = accounts.Value.Window is { Length: > 0 } window
        ? window
        : quality.Value.WindowNames.MaxBy(w => WindowSpec.Parse(w).Seconds)!;

    public IReadOnlyList<BuyerHealth> Current() =>
        AccountHealth.Of(feed.Cells(new SnapshotFilter(Window: Window, ExcludeSourceCells: true)), Window, feed.DailyLeads(), _options);

    /// <summary>
    /// The snapshot with <c>buyers</c> when it is the whole one. A buyer key's filter is never whole (it names the buyer
    /// and leaves out source cells), so only board and admin keys get it.
    /// </summary>
    public async Task<QualitySnapshot> CompleteAsync(QualitySnapshot snapshot, SnapshotFilter filter)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(filter);
        var whole = filter is { BuyerId: null, SourceId: null, Scope: null, ExcludeSourceCells: false };
        if (!whole)
        {
            return snapshot;
        }

        var buyers = Current();
        if (trust is null)
        {
            return snapshot with { Buyers = buyers };
        }

        try
        {
            var trusts = (await trust.ReadAsync()).ToDictionary(t => t.BuyerId, StringComparer.Ordinal);
            buyers = [.. buyers.Select(b => trusts.TryGetValue(b.BuyerId, out var t) ? b with { Trust = t.Trust, Incidents90d = t.Incidents90d } : b)];
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The snapshot is the board's lifeline: without Redis it goes out without trust rather than not at all.
            log.LogWarning("snapshot without trust: the incident ledger is unreachable ({Message})", e.Message);
        }

        return snapshot with { Buyers = buyers };
    }
}
