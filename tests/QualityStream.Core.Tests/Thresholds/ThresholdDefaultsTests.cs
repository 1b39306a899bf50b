using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Thresholds;

public class ThresholdDefaultsTests
{
    [Theory]
    [InlineData(Metric.Validity, 0.92, 0.85, 0.94)]
    [InlineData(Metric.Duplicate, 0.05, 0.10, 0.04)]
    [InlineData(Metric.Contact, 0.50, 0.40, 0.55)]
    [InlineData(Metric.Return, 0.08, 0.12, 0.06)]
    public void For_EachMetric_GivesContractLevels(Metric metric, double warn, double breach, double clear)
    {
        Assert.Equal(new Threshold("1h", warn, breach, clear, 30, 120), ThresholdDefaults.For(metric));
    }

    [Fact]
    public void For_EveryMetric_PassesValidation()
    {
        foreach (var metric in Metrics.All)
        {
            Assert.Empty(ThresholdValidator.Validate(metric, ThresholdDefaults.For(metric), ["1h", "24h"]));
        }
    }
}
