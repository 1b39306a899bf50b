namespace QualityStream.Core.Snapshots;

/// <summary>
/// One buyer's account shape on <see cref="Window"/>: how its leads spread over sources, its share of the operator's
/// revenue, and its weekly volume. Null figures have nothing to be computed from.
/// </summary>
/// <param name="BuyerId">The buyer.</param>
/// <param name="Window">The window of the leads, sources and revenue.</param>
/// <param name="Leads">Its leads delivered in the window.</param>
/// <param name="TopSourceId">Its biggest source in the window.</param>
/// <param name="Revenue">What its leads in the window sold for (USD).</param>
/// <param name="TopSourceShare">Share of the buyer's leads from its biggest source.</param>
/// <param name="SourceHhi">Herfindahl–Hirschman index of its sources' shares: 1 for one source, 1/n for n equal ones.</param>
/// <param name="RevenueShare">Its revenue over the revenue of every buyer this snapshot holds.</param>
/// <param name="WeeklyLeads">Its deliveries in each of the four whole weeks (7 UTC days) before today, oldest first.</param>
/// <param name="VolumeChange">The last whole week against the one before (−0.2: a fifth fewer leads).</param>
/// <param name="Warnings"><c>source_concentration</c>, <c>revenue_concentration</c>, <c>volume_decline</c>.</param>
/// <param name="Trust">What its incidents of the last 90 days cost in trust (1 none … 0 terminal), where the worker keeps an incident ledger.</param>
/// <param name="Incidents90d">The incidents that trust counts.</param>
public sealed record BuyerHealth(
    string BuyerId,
    string Window,
    long Leads,
    string? TopSourceId,
    double? TopSourceShare,
    double? SourceHhi,
    decimal Revenue,
    double? RevenueShare,
    IReadOnlyList<long> WeeklyLeads,
    double? VolumeChange,
    IReadOnlyList<string> Warnings,
    double? Trust = null,
    int? Incidents90d = null);
