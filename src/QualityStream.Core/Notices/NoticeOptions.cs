namespace QualityStream.Core.Notices;

/// <summary>Buyer-notice rate limit (configuration section <c>Notices</c>); docs/contract.md §8 says 4 per buyer per hour.</summary>
public sealed class NoticeOptions
{
    public const string SectionName = "Notices";

    /// <summary>At most this many notices per buyer in any sliding <see cref="Period"/>; the rest are merged into the next.</summary>
    public int MaxPerBuyerPerHour { get; init; } = 4;

    public TimeSpan Period { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Every broken rule, naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxPerBuyerPerHour < 1)
        {
            errors.Add($"Notices:MaxPerBuyerPerHour: must be ≥ 1; got {MaxPerBuyerPerHour}");
        }

        if (Period <= TimeSpan.Zero)
        {
            errors.Add($"Notices:Period: must be positive; got {Period}");
        }

        return errors;
    }
}
