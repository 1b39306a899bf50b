using System.Text.Json.Nodes;
using QualityStream.Worker.Tests.Durability.Exactness;
using QualityStream.Worker.Tests.Durability.Harness;
using QualityStream.Worker.Tests.Durability.Traffic;
using QualityStream.Worker.Tests.EndToEnd;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace QualityStream.Worker.Tests.Durability;

/// <summary>
/// Issue 17, Redis down for 30 s and back on the same data: processing goes on with the thresholds it had, readiness
/// names Redis, no offset is committed that no durable checkpoint covers, checkpoints resume once Redis is back, and a
/// crash after that ends with exactly the reference's rates, transitions and notices.
/// </summary>
[Collection(DurabilityTests.Name)]
public sealed class RedisOutageTests(BrokerFixture broker, RedisServer redis, ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    /// <summary>Keys that held one value and then another while the worker ran, watched for up to <paramref name="timeout"/>.</summary>
    private static async Task<List<string>> RewrittenKeysAsync(IConnectionMultiplexer redis, string prefix, TimeSpan timeout)
    {
        var rewritten = new SortedSet<string>(StringComparer.Ordinal);
        var previous = await StoredKeys.FingerprintsAsync(redis, prefix);
        DateTime? firstSeen = null;
        try
        {
            await Poll.UntilAsync(async () =>
            {
                var now = await StoredKeys.FingerprintsAsync(redis, prefix);
                rewritten.UnionWith(StoredKeys.Rewritten(previous, now).Where(previous.ContainsKey));
                previous = now;
                firstSeen ??= rewritten.Count > 0 ? DateTime.UtcNow : null;
                // A few checkpoint intervals after the first rewrite, every busy task has been written again.
                return firstSeen is { } first && DateTime.UtcNow - first > TimeSpan.FromSeconds(5);
            }, timeout, "keys rewritten under the worker's prefix", interval: TimeSpan.FromMilliseconds(500));
        }
        catch (TimeoutException)
        {
            // Reported by the caller with what was seen.
        }

        return [.. rewritten];
    }

    [Fact]
    public async Task RedisDownFor30sAndBack_ProcessingGoesOnAndCheckpointsResume_AndACrashAfterEndsWithTheReferenceRates()
    {
        var data = Directory.CreateTempSubdirectory("qs-redis-");
        var port = FreePort.Next();
        var own = await RedisServer.StartAsync(port, data.FullName);
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync($"{own.Configuration},abortConnect=false");
            // Redis goes down at second 12 or so; b01's leads from sv are invalid from second 16 to 24, so the cell
            // breaches at about second 23, while Redis is down, and closes at about second 53, after it is back.
            var shape = FaultShapes.Standard(seconds: 64) with { LeadsPerSecond = 500, Incidents = [ScriptedIncident.InvalidStretch("b01", "sv", from: 16, until: 24)] };
            var incident = shape.Incidents[0];
            await using var run = await FaultedRun.StartAsync(broker.Cluster, redis.Configuration, (own.Configuration, connection.GetDatabase()), Seeds.Choose(), shape, output);
            var early = new List<(string Area, List<string> Lines)>();

            // The keys the worker writes again and again while events flow are its checkpoints, whatever their layout
            // (a task without traffic may keep the checkpoint it wrote once, so keys written once do not count).
            var checkpoints = await RewrittenKeysAsync(connection, run.Lane.Prefix, TimeSpan.FromSeconds(15));
            if (checkpoints.Count == 0)
            {
                early.Add(("checkpoints before the outage", [$"no key under {run.Lane.Prefix} besides thresholds and API keys was rewritten while events flowed for 15 s"]));
            }

            run.Log($"checkpoint keys: {string.Join(", ", checkpoints)}");
            await run.ProducedAsync(12.0 / shape.Seconds);
            await own.DisposeAsync();
            var down = DateTime.UtcNow;
            // Read after Redis died, so it covers every event a checkpoint written before could cover.
            var endsAtOutage = GroupOffsets.Ends(run.Cluster.BootstrapServers, run.Inputs);
            run.Log("Redis down");

            var readyz = "";
            await Poll.UntilAsync(async () =>
            {
                (var ready, readyz) = await run.Worker.ReadyzAsync();
                return !ready && readyz.Contains("redis", StringComparison.OrdinalIgnoreCase);
            }, TimeSpan.FromSeconds(20), "/readyz to name Redis as missing", () => readyz);

            List<JsonObject> changes = [];
            await Poll.UntilAsync(() =>
            {
                changes = [.. StateChangeLog.Of(OutputTopic.ReadAll(run.Cluster.BootstrapServers, run.Lane.StateChanges)).Of(incident.Cell)];
                return DateTime.UtcNow - down >= Outage && changes.Any(c => (string?)c["to"] == "breach");
            }, Outage * 2, "the outage to last and the scripted incident to breach during it, on the thresholds from Redis",
                () => string.Join("\n", changes.Select(c => c.ToJsonString())), TimeSpan.FromSeconds(1));
            early.Add(("thresholds in force during the outage",
                [.. changes.Where(c => (string?)c["thresholdScope"] != $"buyer:{incident.BuyerId}|source:{incident.SourceId}").Select(c => $"judged on other thresholds: {c.ToJsonString()}")]));
            var committed = GroupOffsets.Committed(run.Cluster.BootstrapServers, run.Lane.GroupId, run.Inputs);
            early.Add(("group offsets committed while Redis was down (a checkpoint must cover them first)",
                [.. committed.Where(c => c.Value > endsAtOutage[c.Key]).Select(c => $"{c.Key} committed at {c.Value}, past its end {endsAtOutage[c.Key]} when Redis went down")]));

            own = await RedisServer.StartAsync(port, data.FullName);
            run.Log("Redis back");
            await run.Worker.WaitReadyAsync();
            if (checkpoints.Count > 0)
            {
                var restored = await StoredKeys.FingerprintsAsync(connection, run.Lane.Prefix);
                var stale = checkpoints;
                try
                {
                    await Poll.UntilAsync(async () =>
                    {
                        var now = await StoredKeys.FingerprintsAsync(connection, run.Lane.Prefix);
                        stale = [.. checkpoints.Where(k => !StoredKeys.Rewritten(restored, now).Contains(k))];
                        return stale.Count == 0;
                    }, TimeSpan.FromSeconds(20), "every checkpoint to be written again after Redis came back", interval: TimeSpan.FromMilliseconds(500));
                }
                catch (TimeoutException)
                {
                    early.Add(("checkpoints after the outage", [$"not written again within 20 s: {string.Join(", ", stale)}"]));
                }
            }

            await run.KillAndStartAsync();
            var found = await run.CompareAsync("Redis down for 30 s and back, then a kill");
            foreach (var (area, lines) in early)
            {
                found.Add(area, lines);
            }

            found.ThrowIfAny();
        }
        finally
        {
            await own.DisposeAsync();
            data.Delete(recursive: true);
        }
    }
}
