using System.Diagnostics;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Redis;
using QualityStream.Worker.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;
using static QualityStream.Worker.Tests.Thresholds.ThresholdSamples;

namespace QualityStream.Worker.Tests.Thresholds;

public sealed class ThresholdStoreTests(RedisServerFixture redis, ITestOutputHelper output) : IClassFixture<RedisServerFixture>
{
    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private RedisKeys Keys => new(_prefix);
    private IDatabase Db => redis.Redis.GetDatabase();

    [Fact]
    public async Task Start_ThresholdsInRedis_AreInForceAndEmittedFirstOnSubscribe()
    {
        await Db.HashSetAsync(Keys.Thresholds(Metric.Contact), [new("default", Json(0.5, 0.4, 0.55)), new("buyer:acme-auto", Json(0.6, 0.5, 0.65))]);
        await Db.HashSetAsync(Keys.Thresholds(Metric.Return), "source:fb-camp-7", Json(0.1, 0.2, 0.05));

        await using var h = await ThresholdStoreHarness.StartAsync(redis.Server.Configuration, _prefix);

        var current = h.Store.Current;
        Assert.Equal(3, current.Count);
        var pair = current.Resolve(Metric.Contact, CellScope.BuyerSource, "acme-auto", "fb-camp-7");
        Assert.Equal(("buyer:acme-auto", 0.6), (pair.Scope, pair.Threshold.Warn));
        Assert.Equal(0.2, current.Resolve(Metric.Return, CellScope.Source, null, "fb-camp-7").Threshold.Breach);
        Assert.Equal(ThresholdDefaults.For(Metric.Validity), current.Resolve(Metric.Validity, CellScope.Buyer, "acme-auto", null).Threshold);
        ThresholdSet? first = null;
        using (h.Store.Changes.Subscribe(s => first = s))
        {
            Assert.Same(current, first);
        }

        Assert.Null(h.Store.Status.LastReloadError);
        Assert.Empty(h.Store.Status.Rejected);
    }

    [Fact]
    public async Task Change_Published_IsAppliedWithinOneSecond()
    {
        await using var h = await ThresholdStoreHarness.StartAsync(redis.Server.Configuration, _prefix);
        var times = new List<TimeSpan>();
        for (var i = 1; i <= 5; i++)
        {
            var warn = 0.5 + (i / 100.0);
            var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var watch = h.Store.Changes.Subscribe(s =>
            {
                if (s.Resolve(Metric.Contact, CellScope.Buyer, "acme-auto", null).Threshold.Warn == warn)
                {
                    applied.TrySetResult();
                }
            });

            var clock = Stopwatch.StartNew();
            await Db.HashSetAsync(Keys.Thresholds(Metric.Contact), "buyer:acme-auto", Json(warn, 0.4, 0.6));
            await redis.Redis.GetSubscriber().PublishAsync(Keys.ThresholdsChanged, "contact");
            await applied.Task.WaitAsync(TimeSpan.FromSeconds(10));
            times.Add(clock.Elapsed);
        }

        output.WriteLine("write + publish → applied: " + string.Join(", ", times.Select(t => $"{t.TotalMilliseconds:0.0} ms")));
        Assert.All(times, t => Assert.True(t < TimeSpan.FromSeconds(1), $"took {t.TotalMilliseconds:0} ms"));
    }

    [Fact]
    public async Task Change_WithoutPublish_IsPickedUpByThePeriodicReload()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await ThresholdStoreHarness.StartAsync(redis.Server.Configuration, _prefix, time);
        Assert.Equal(0, h.Store.Current.Count);

        await Db.HashSetAsync(Keys.Thresholds(Metric.Validity), "default", Json(0.9, 0.8, 0.95));

        // The timer starts on the store's own task; advancing on every poll also covers a timer created after the first advance.
        await Eventually.UntilAsync(
            () =>
            {
                time.Advance(TimeSpan.FromSeconds(30));
                return h.Store.Current.Resolve(Metric.Validity, CellScope.Buyer, "b", null).Threshold.Warn == 0.9;
            },
            "the periodic reload to apply the unpublished change");
    }

    [Fact]
    public async Task Changes_PublishWithoutDifference_EmitsNothingNew()
    {
        await using var h = await ThresholdStoreHarness.StartAsync(redis.Server.Configuration, _prefix);
        var seen = new List<ThresholdSet>();
        using var watch = h.Store.Changes.Subscribe(s => { lock (seen) { seen.Add(s); } });

        await redis.Redis.GetSubscriber().PublishAsync(Keys.ThresholdsChanged, "contact");
        await Db.HashSetAsync(Keys.Thresholds(Metric.Duplicate), "default", Json(0.05, 0.1, 0.04));
        await redis.Redis.GetSubscriber().PublishAsync(Keys.ThresholdsChanged, "duplicate");
        await Eventually.UntilAsync(() => h.Store.Current.Count == 1, "the duplicate default to be applied");

        // Reloads run in order on one loop, so the no-op reload finished before the real change was emitted.
        lock (seen)
        {
            Assert.Equal(2, seen.Count);
        }
    }

    [Fact]
    public async Task UnknownMetricKey_IsIgnored()
    {
        await Db.HashSetAsync(Keys.Thresholds(Metric.Contact), "default", Json(0.5, 0.4, 0.55));
        await Db.HashSetAsync($"{_prefix}qs:thresholds:bogus", "default", "not even json");
        await using var h = await ThresholdStoreHarness.StartAsync(redis.Server.Configuration, _prefix);

        await redis.Redis.GetSubscriber().PublishAsync(Keys.ThresholdsChanged, "bogus");
        await h.ReloadAsync();

        Assert.Equal(1, h.Store.Current.Count);
        Assert.Empty(h.Store.Status.Rejected);
        Assert.Null(h.Store.Status.LastReloadError);
    }
}
