using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QualityStream.Core.Thresholds;
using QualityStream.Worker.Auth;
using QualityStream.Worker.Tests.EndToEnd;
using QualityStream.Worker.Thresholds;

namespace QualityStream.Worker.Tests.Demo;

/// <summary>
/// The whole worker as the demo runs it without a redis-server: embedded broker, <c>Redis:InProcess</c>, thresholds
/// and keys seeded into the process before start. Nothing here needs Redis.
/// </summary>
public sealed class InProcessWorkerTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Worker_WithInProcessStore_StartsReadyAndServesSeededKeysAndThresholds()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var topics = new Dictionary<string, string>
        {
            ["Deliveries"] = $"lead-deliveries-{id}",
            ["Feedback"] = $"buyer-feedback-{id}",
            ["StateChanges"] = $"quality-state-changes-{id}",
            ["Notices"] = $"quality-notices-{id}",
            ["DeadLetter"] = $"quality-deadletter-{id}",
        };
        var management = FreePort.Next();
        var config = new Dictionary<string, string?>
        {
            ["Http:Port"] = "0",
            ["Http:ManagementPort"] = management.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kafka:BootstrapServers"] = broker.Cluster.BootstrapServers,
            ["Kafka:GroupId"] = $"qs-{id}",
            [RedisOptions.InProcessKey] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (name, topic) in topics)
        {
            broker.Cluster.CreateTopic(topic, 4);
            config[$"Kafka:Topics:{name}"] = topic;
        }

        await using var app = WorkerHost.Build([], c => c.AddInMemoryCollection(config));
        var store = app.Services.GetRequiredService<InProcessDemoStore>();
        store.SetThreshold(Metric.Contact, ThresholdScopes.Default, ThresholdDefaults.For(Metric.Contact) with { MinSample = 50 });
        store.AddKey("board-key", new ApiKeyRecord(QualityRoles.Board, null));
        store.AddKey("admin-key", new ApiKeyRecord(QualityRoles.Admin, null));
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
                .Select(a => new Uri(a)).First(a => a.Port != management);
            using var http = new HttpClient { BaseAddress = new UriBuilder(address) { Host = "127.0.0.1" }.Uri };
            var ready = "";
            await Poll.UntilAsync(async () =>
            {
                using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                ready = await response.Content.ReadAsStringAsync();
                return response.IsSuccessStatusCode;
            }, TimeSpan.FromSeconds(30), "worker ready on the in-process store");

            using var snapshot = new HttpRequestMessage(HttpMethod.Get, "/api/snapshot");
            snapshot.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "board-key");
            using var answer = await http.SendAsync(snapshot);
            using var keys = new HttpRequestMessage(HttpMethod.Post, "/api/keys") { Content = new StringContent("""{"role":"board"}""") };
            keys.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "admin-key");
            using var keyAdmin = await http.SendAsync(keys);

            Assert.Contains(InProcessDemoStore.HealthDescription, ready, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            // Key admin needs Redis; the demo prints the keys it seeded.
            Assert.Equal(HttpStatusCode.NotImplemented, keyAdmin.StatusCode);
            Assert.Equal(50, app.Services.GetRequiredService<IThresholdSource>().Current.Entries.Single().Threshold.MinSample);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
