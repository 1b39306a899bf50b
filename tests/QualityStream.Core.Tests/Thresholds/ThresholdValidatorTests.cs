using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Thresholds;

public class ThresholdValidatorTests
{
    private static readonly string[] Windows = ["1h", "24h"];
    private static readonly Threshold Low = new("1h", Warn: 0.70, Breach: 0.60, Clear: 0.72, MinSample: 50, PendingSeconds: 300);
    private static readonly Threshold High = new("1h", Warn: 0.05, Breach: 0.10, Clear: 0.04, MinSample: 50, PendingSeconds: 300);

    private static ThresholdError Single(Metric metric, Threshold t) => Assert.Single(ThresholdValidator.Validate(metric, t, Windows));

    [Fact]
    public void Validate_ContractExample_IsValid() => Assert.Empty(ThresholdValidator.Validate(Metric.Contact, Low, Windows));

    [Fact]
    public void Validate_EqualLevels_AreAllowed() =>
        Assert.Empty(ThresholdValidator.Validate(Metric.Return, High with { Warn = 0.1, Clear = 0.1 }, Windows));

    [Fact]
    public void Validate_LevelAboveOne_NamesFieldAndRange() =>
        Assert.Equal(new ThresholdError("warn", "must be a finite number in [0, 1]; got 1.20"), Single(Metric.Validity, Low with { Warn = 1.2 }));

    [Fact]
    public void Validate_NegativeLevel_NamesFieldAndRange() =>
        Assert.Equal(new ThresholdError("breach", "must be a finite number in [0, 1]; got -0.10"), Single(Metric.Duplicate, High with { Breach = -0.1 }));

    [Fact]
    public void Validate_NaNLevel_IsRejected() =>
        Assert.Equal(new ThresholdError("clear", "must be a finite number in [0, 1]; got NaN"), Single(Metric.Contact, Low with { Clear = double.NaN }));

    [Fact]
    public void Validate_LowIsBadClearBelowWarn_NamesRuleAndValues() =>
        Assert.Equal(
            new ThresholdError("clear", "must be ≥ warn (0.70) for validity, a low-is-bad metric; got 0.65"),
            Single(Metric.Validity, Low with { Clear = 0.65 }));

    [Fact]
    public void Validate_LowIsBadWarnBelowBreach_NamesRuleAndValues() =>
        Assert.Equal(
            new ThresholdError("warn", "must be ≥ breach (0.60) for contact, a low-is-bad metric; got 0.55"),
            Single(Metric.Contact, Low with { Warn = 0.55 }));

    [Fact]
    public void Validate_HighIsBadWarnAboveBreach_NamesRuleAndValues() =>
        Assert.Equal(
            new ThresholdError("warn", "must be ≤ breach (0.10) for duplicate, a high-is-bad metric; got 0.12"),
            Single(Metric.Duplicate, High with { Warn = 0.12 }));

    [Fact]
    public void Validate_HighIsBadClearAboveWarn_ShowsMoreDecimalsWhenPresent() =>
        Assert.Equal(
            new ThresholdError("clear", "must be ≤ warn (0.05) for return, a high-is-bad metric; got 0.055"),
            Single(Metric.Return, High with { Clear = 0.055 }));

    [Fact]
    public void Validate_ClearOnWrongSideOfBreach_IsReportedWithWarn()
    {
        var errors = ThresholdValidator.Validate(Metric.Contact, Low with { Warn = 0.5, Clear = 0.55 }, Windows);
        Assert.Equal(
            [
                new ThresholdError("warn", "must be ≥ breach (0.60) for contact, a low-is-bad metric; got 0.50"),
                new ThresholdError("clear", "must be ≥ breach (0.60) for contact, a low-is-bad metric; got 0.55"),
            ],
            errors);
    }

    [Fact]
    public void Validate_MinSampleZero_IsRejected() =>
        Assert.Equal(new ThresholdError("minSample", "must be ≥ 1; got 0"), Single(Metric.Contact, Low with { MinSample = 0 }));

    [Fact]
    public void Validate_NegativePendingSeconds_IsRejected() =>
        Assert.Equal(new ThresholdError("pendingSeconds", "must be ≥ 0; got -1"), Single(Metric.Contact, Low with { PendingSeconds = -1 }));

    [Fact]
    public void Validate_ZeroPendingSeconds_IsAllowed() =>
        Assert.Empty(ThresholdValidator.Validate(Metric.Contact, Low with { PendingSeconds = 0 }, Windows));

    [Fact]
    public void Validate_UnconfiguredWindow_ListsConfiguredOnes() =>
        Assert.Equal(
            new ThresholdError("window", "must be one of the configured windows (1h, 24h); got \"2h\""),
            Single(Metric.Contact, Low with { Window = "2h" }));

    [Fact]
    public void Validate_SeveralBrokenRules_ReportsEach()
    {
        var errors = ThresholdValidator.Validate(Metric.Contact, new Threshold("7d", 2, 0.5, 0.6, 0, -5), Windows);
        Assert.Equal(["window", "warn", "minSample", "pendingSeconds"], errors.Select(e => e.Field));
    }
}
