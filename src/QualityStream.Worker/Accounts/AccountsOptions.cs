using System.ComponentModel.DataAnnotations;
using QualityStream.Core.Accounts;

namespace QualityStream.Worker.Accounts;

/// <summary>When a buyer's account shape warns (docs/contract.md §7 snapshot <c>buyers</c>); see <see cref="AccountHealthOptions"/>.</summary>
public sealed class AccountsOptions
{
    public const string SectionName = "Accounts";

    /// <summary>The window whose cells give a buyer's sources and revenue; empty means the longest of <c>Quality:Windows</c>.</summary>
    public string Window { get; init; } = "";

    [Range(0.0, 1.0)]
    public double SourceShareWarn { get; init; } = 0.60;

    [Range(0.0, 1.0)]
    public double RevenueShareWarn { get; init; } = 0.25;

    [Range(0.0, 1.0)]
    public double VolumeDeclineWarn { get; init; } = 0.15;

    [Range(1, long.MaxValue)]
    public long MinLeads { get; init; } = 50;

    public AccountHealthOptions ToHealth() => new(SourceShareWarn, RevenueShareWarn, VolumeDeclineWarn, MinLeads);
}
