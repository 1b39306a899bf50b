namespace QualityStream.Core.Accounts;

/// <summary>
/// When an account's shape warns of trouble (docs/DOMAIN.md): a buyer leaning on one source, an operator leaning on one
/// buyer, a buyer cutting its volume week after week.
/// </summary>
/// <param name="SourceShareWarn">A buyer's top source above this share of its leads (concentration makes volatility).</param>
/// <param name="RevenueShareWarn">A buyer above this share of the operator's revenue.</param>
/// <param name="VolumeDeclineWarn">Two weekly declines in a row that add up to at least this fraction (a churn sign).</param>
/// <param name="MinLeads">Fewer leads than this (in the window, or in the first week compared) are too few to judge.</param>
public sealed record AccountHealthOptions(
    double SourceShareWarn = 0.60,
    double RevenueShareWarn = 0.25,
    double VolumeDeclineWarn = 0.15,
    long MinLeads = 50);
