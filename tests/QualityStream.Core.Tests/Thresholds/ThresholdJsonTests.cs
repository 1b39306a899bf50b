using QualityStream.Core.Serialization;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Thresholds;

public class ThresholdJsonTests
{
    private static readonly string[] Windows = ["1h", "24h"];
    private const string Example = """{ "window": "1h", "warn": 0.70, "breach": 0.60, "clear": 0.72, "minSample": 50, "pendingSeconds": 300 }""";

    private static IReadOnlyList<ThresholdError> Errors(string json, Metric metric = Metric.Contact)
    {
        Assert.False(ThresholdJson.TryParse(metric, json, Windows, out var threshold, out var errors));
        Assert.Null(threshold);
        return errors;
    }

    [Fact]
    public void TryParse_ContractExample_GivesThreshold()
    {
        Assert.True(ThresholdJson.TryParse(Metric.Contact, Example, Windows, out var threshold, out var errors));
        Assert.Empty(errors);
        Assert.Equal(new Threshold("1h", 0.70, 0.60, 0.72, 50, 300), threshold);
    }

    [Fact]
    public void TryParse_WithoutConfidence_TakesTheDefaultSoStoredThresholdsAreGatedToo()
    {
        Assert.True(ThresholdJson.TryParse(Metric.Contact, Example, Windows, out var threshold, out _));
        Assert.Equal(0.95, threshold!.Confidence);
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("0.99", 0.99)]
    public void TryParse_Confidence_IsTaken(string confidence, double expected)
    {
        var json = Example.Replace(" }", $", \"confidence\": {confidence} }}", StringComparison.Ordinal);
        Assert.True(ThresholdJson.TryParse(Metric.Contact, json, Windows, out var threshold, out var errors), string.Join("; ", errors));
        Assert.Equal(expected, threshold!.Confidence);
    }

    [Theory]
    [InlineData("1", "must be 0 (off) or a number in (0, 1) such as 0.95; got 1.00")]
    [InlineData("-0.5", "must be 0 (off) or a number in (0, 1) such as 0.95; got -0.50")]
    [InlineData("\"95%\"", "must be a number in [0, 1]; got a string")]
    public void TryParse_BadConfidence_NamesTheField(string confidence, string message)
    {
        var json = Example.Replace(" }", $", \"confidence\": {confidence} }}", StringComparison.Ordinal);
        Assert.Equal(new ThresholdError("confidence", message), Assert.Single(Errors(json)));
    }

    [Fact]
    public void Write_ThenTryParse_RoundTrips()
    {
        var original = new Threshold("24h", 0.05, 0.1, 0.04, 30, 0, 0.9);
        var json = ThresholdJson.Write(original);
        Assert.Equal("""{"window":"24h","warn":0.05,"breach":0.1,"clear":0.04,"minSample":30,"pendingSeconds":0,"confidence":0.9}""", json);
        Assert.True(ThresholdJson.TryParse(Metric.Duplicate, json, Windows, out var parsed, out _));
        Assert.Equal(original, parsed);
    }

    [Fact]
    public void TryParse_MalformedJson_ReportsJsonField()
    {
        var error = Assert.Single(Errors("""{ "window": "1h", """));
        Assert.Equal("json", error.Field);
        Assert.StartsWith("is malformed: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void TryParse_Empty_ReportsJsonField(string json) =>
        Assert.Equal(new ThresholdError("json", "is empty; expected an object with window, warn, breach, clear, minSample, pendingSeconds, confidence"), Assert.Single(Errors(json)));

    [Fact]
    public void TryParse_Array_ReportsJsonField() =>
        Assert.Equal(new ThresholdError("json", "must be a JSON object; got an array"), Assert.Single(Errors("[0.7]")));

    [Fact]
    public void TryParse_MissingField_NamesIt() =>
        Assert.Equal(new ThresholdError("pendingSeconds", "is required"),
            Assert.Single(Errors("""{ "window": "1h", "warn": 0.7, "breach": 0.6, "clear": 0.72, "minSample": 50 }""")));

    [Fact]
    public void TryParse_StringLevel_NamesFieldAndType() =>
        Assert.Equal(new ThresholdError("warn", "must be a number in [0, 1]; got a string"),
            Assert.Single(Errors(Example.Replace("0.70", "\"0.70\"", StringComparison.Ordinal))));

    [Fact]
    public void TryParse_FractionalMinSample_NamesField() =>
        Assert.Equal(new ThresholdError("minSample", "must be a whole number (32-bit); got 50.5"),
            Assert.Single(Errors(Example.Replace("50", "50.5", StringComparison.Ordinal))));

    [Fact]
    public void TryParse_NullWindow_NamesFieldAndType() =>
        Assert.Equal(new ThresholdError("window", "must be a string; got null"),
            Assert.Single(Errors(Example.Replace("\"1h\"", "null", StringComparison.Ordinal))));

    [Fact]
    public void TryParse_UnknownField_IsRejected() =>
        Assert.Equal("pending", Assert.Single(Errors(Example.Replace(" }", ", \"pending\": 1 }", StringComparison.Ordinal))).Field);

    [Fact]
    public void TryParse_PascalCaseField_IsUnknownAndRequiredIsMissing()
    {
        var errors = Errors(Example.Replace("\"warn\"", "\"Warn\"", StringComparison.Ordinal));
        Assert.Equal(["Warn", "warn"], errors.Select(e => e.Field));
    }

    [Fact]
    public void TryParse_RepeatedField_IsRejected() =>
        Assert.Equal(new ThresholdError("warn", "appears more than once"),
            Assert.Single(Errors(Example.Replace(" }", ", \"warn\": 0.7 }", StringComparison.Ordinal))));

    [Fact]
    public void TryParse_WellFormedButBreaksRule_ReportsValidatorError() =>
        Assert.Equal(new ThresholdError("clear", "must be ≥ warn (0.70) for validity, a low-is-bad metric; got 0.65"),
            Assert.Single(Errors(Example.Replace("0.72", "0.65", StringComparison.Ordinal), Metric.Validity)));

    [Fact]
    public void TryParse_HugeNumber_IsRejectedNotInfinite()
    {
        var error = Assert.Single(Errors(Example.Replace("0.60", "1e400", StringComparison.Ordinal)));
        Assert.Equal("breach", error.Field);
    }
}
