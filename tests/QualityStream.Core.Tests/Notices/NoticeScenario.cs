namespace QualityStream.Core.Tests.Notices;

/// <summary>What an engine task would feed its notice ledger, in order.</summary>
public sealed record NoticeScenario(IReadOnlyList<NoticeStep> Steps)
{
    public override string ToString() => string.Join(Environment.NewLine, Steps);
}
