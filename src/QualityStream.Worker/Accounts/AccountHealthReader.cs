using Microsoft.Extensions.Options;
using QualityStream.Core.Engine;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Accounts;
using QualityStream.Worker.Feed;

namespace QualityStream.Worker.Accounts;

/// <summary>Each buyer's account shape now, from the feed's cells on the accounts window and its daily volumes.</summary>
public sealed class AccountHealthReader(IQualityFeed feed, IOptions<AccountsOptions> accounts, IOptions<QualityEngineOptions> quality)
{
    private readonly AccountHealthOptions _options = accounts.Value.ToHealth();

    /// <summary>The accounts window: the one configured, or the longest of <c>Quality:Windows</c>.</summary>
    public string Window { get; } = accounts.Value.Window is { Length: > 0 } window
        ? window
        : quality.Value.WindowNames.MaxBy(w => WindowSpec.Parse(w).Seconds)!;

    public IReadOnlyList<BuyerHealth> Current() =>
        AccountHealth.Of(feed.Cells(new SnapshotFilter(Window: Window, ExcludeSourceCells: true)), Window, feed.DailyLeads(), _options);

    /// <summary>The snapshot with <c>buyers</c> when it is the whole one a board or admin key asked for.</summary>
    public QualitySnapshot Complete(QualitySnapshot snapshot, SnapshotFilter filter, bool mayReadAccounts)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(filter);
        var whole = filter is { BuyerId: null, SourceId: null, Scope: null, ExcludeSourceCells: false };
        return whole && mayReadAccounts ? snapshot with { Buyers = Current() } : snapshot;
    }
}
