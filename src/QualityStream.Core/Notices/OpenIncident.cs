namespace QualityStream.Core.Notices;

/// <summary>What the notice ledger keeps of an incident until it closes: when it opened, and whether the buyer was told.</summary>
internal sealed class OpenIncident(DateTimeOffset openedAt, bool breachNoticed)
{
    public DateTimeOffset OpenedAt { get; } = openedAt;

    public bool BreachNoticed { get; set; } = breachNoticed;
}
