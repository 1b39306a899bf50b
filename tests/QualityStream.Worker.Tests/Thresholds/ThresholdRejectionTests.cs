using QualityStream.Core.Thresholds;
using QualityStream.Worker.Redis;
using QualityStream.Worker.Tests.Infrastructure;
using StackExchange.Redis;
using static QualityStream.Worker.Tests.Thresholds.ThresholdSamples;

namespace QualityStream.Worker.Tests.Thresholds;

public sealed class ThresholdRejectionTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private RedisKeys Keys => new(_prefix);
    private IDatabase Db => redis.Redis.GetDatabase();

    [Fact]
    public async Task InvalidChange_IsRejectedWithFieldReason_AndPreviousValidStays()
    {
        var key = Keys.Thresholds(Metric.Contact);
        await Db.HashSetAsync(key, "buyer:acme-auto", Json(0.6, 0.5, 0.65));
        await using var h = await ThresholdStoreHarness.StartAsync(redis.Server.Configuration, _prefix);

        // Contact is low-is-bad: clear below warn would end incidents before the rate is back in range.
        await Db.HashSetAsync(key, "buyer:acme-auto", Json(0.6, 0.5, 0.55));
        await redis.Redis.GetSubscriber().PublishAsync(Keys.ThresholdsChanged, "contact");
        await Eventually.UntilAsync(() => h.Store.Status.Rejected.Count == 1, "the invalid value to be rejected");

        var rejected = Assert.Single(h.Store.Status.Rejected);
        Assert.Equal((key.ToString(), "contact", "buyer:acme-auto", true), (rejected.Key, rejected.Metric, rejected.Scope, rejected.PreviousKept));
        var error = Assert.Single(rejected.Errors);
        Assert.Equal("clear", error.Field);
        Assert.StartsWith("must be ≥ warn (0.60)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0.65, h.Store.Current.Resolve(Metric.Contact, CellScope.Buyer, "acme-auto", null).Threshold.Clear);

        var warning = Assert.Single(h.Logs.Warnings, w => w.Contains("Rejected threshold", StringComparison.Ordinal));
        Assert.Contains(key.ToString(), warning, StringComparison.Ordinal);
        Assert.Contains("field buyer:acme-auto", warning, StringComparison.Ordinal);
        Assert.Contains("JSON field 'clear' must be ≥ warn", warning, StringComparison.Ordinal);
        Assert.Contains("last valid threshold for this scope stays in force", warning, StringComparison.Ordinal);

        // The periodic reload sees the same bad value again: still rejected, still the old one in force, no new warning.
        await h.ReloadAsync();
        Assert.Single(h.Store.Status.Rejected);
        Assert.Equal(0.65, h.Store.Current.Resolve(Metric.Contact, CellScope.Buyer, "acme-auto", null).Threshold.Clear);
        Assert.Single(h.Logs.Warnings, w => w.Contains("Rejected threshold", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvalidValue_WithNoPreviousValid_FallsBackToTheNextScope()
    {
        await Db.HashSetAsync(Keys.Thresholds(Metric.Return), [new("default", Json(0.08, 0.12, 0.06)), new("buyer:acme-auto", "{\"window\":\"1h\"")]);
        await using var h = await ThresholdStoreHarness.StartAsync(redis.Server.Configuration, _prefix);

        var rejected = Assert.Single(h.Store.Status.Rejected);
        Assert.False(rejected.PreviousKept);
        Assert.Equal("json", Assert.Single(rejected.Errors).Field);
        Assert.Equal("default", h.Store.Current.Resolve(Metric.Return, CellScope.Buyer, "acme-auto", null).Scope);
    }

    [Fact]
    public async Task InvalidDefault_AtStart_LeavesTheBuiltInDefault()
    {
        await Db.HashSetAsync(Keys.Thresholds(Metric.Validity), "default", Json(0.92, 0.85, 0.94, window: "7d"));
        await using var h = await ThresholdStoreHarness.StartAsync(redis.Server.Configuration, _prefix);

        var error = Assert.Single(Assert.Single(h.Store.Status.Rejected).Errors);
        Assert.Equal("window", error.Field);
        Assert.Contains("1h, 24h", error.Message, StringComparison.Ordinal);
        Assert.Equal(ThresholdDefaults.For(Metric.Validity), h.Store.Current.Resolve(Metric.Validity, CellScope.Source, null, "s").Threshold);
    }

    [Fact]
    public async Task MalformedScope_IsRejectedNamingTheScope()
    {
        await Db.HashSetAsync(Keys.Thresholds(Metric.Duplicate), "buyer:acme auto", Json(0.05, 0.1, 0.04));
        await using var h = await ThresholdStoreHarness.StartAsync(redis.Server.Configuration, _prefix);

        var rejected = Assert.Single(h.Store.Status.Rejected);
        var error = Assert.Single(rejected.Errors);
        Assert.Equal("scope", error.Field);
        Assert.Contains("buyerId 'acme auto'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Store.Current.Count);
    }
}
