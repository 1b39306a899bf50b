using System.Net;

namespace QualityStream.Worker.Tests.EndToEnd;

/// <summary>
/// <c>/metrics</c> lives on <c>Http:ManagementPort</c> only, the probes on both ports, everything else on the public
/// port only (docs/contract.md §7); the port a request arrived on decides, whatever its Host header says.
/// </summary>
[Collection(WorkerTests.Name)]
public sealed class ManagementPortEndToEndTests(BrokerFixture broker, RedisServer redis)
{
    [Fact]
    public async Task Metrics_OnThePublicPort_Answers404_EvenWithAHostHeaderNamingTheManagementPort()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);

        using var plain = WorkerUnderTest.Request(HttpMethod.Get, "/metrics", WorkerUnderTest.AdminKey);
        using var forged = WorkerUnderTest.Request(HttpMethod.Get, "/metrics", WorkerUnderTest.AdminKey);
        forged.Headers.Host = $"127.0.0.1:{worker.ManagementAddress.Port}";
        using var upperCase = WorkerUnderTest.Request(HttpMethod.Get, "/METRICS", null);

        Assert.Equal(HttpStatusCode.NotFound, (await worker.Http.SendAsync(plain)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.Http.SendAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.Http.SendAsync(upperCase)).StatusCode);
    }

    [Fact]
    public async Task Metrics_OnTheManagementPort_ServesTheSeriesWithoutAKey()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);
        worker.Produce(worker.Deliveries, "acme-auto", TestEvents.Delivery("L-1", "acme-auto", "fb-camp-7", DateTimeOffset.UtcNow));
        worker.Flush();

        var last = "";
        await Poll.UntilAsync(async () =>
        {
            using var request = WorkerUnderTest.Request(HttpMethod.Get, "/metrics", null);
            using var response = await worker.Management.SendAsync(request);
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            return last.Contains("""qualitystream_sample{metric="validity",window="1h",scope="buyer",buyer="acme-auto",source=""} 1""", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(20), "acme's validity sample on the management port");

        Assert.StartsWith("200 ", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BoardApisAndHub_OnTheManagementPort_Answer404_EvenWithAnAdminKey()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);
        var requests = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Get, "/"),
            (HttpMethod.Get, "/buyer"),
            (HttpMethod.Get, "/board/js/model.js"),
            (HttpMethod.Get, "/api/snapshot"),
            (HttpMethod.Get, "/api/thresholds"),
            (HttpMethod.Post, "/hubs/quality/negotiate?negotiateVersion=1"),
            (HttpMethod.Get, "/no-such-page"),
        };

        var onPublic = new List<string>();
        var onManagement = new List<string>();
        foreach (var (method, path) in requests)
        {
            using var publicRequest = WorkerUnderTest.Request(method, path, WorkerUnderTest.AdminKey);
            using var managementRequest = WorkerUnderTest.Request(method, path, WorkerUnderTest.AdminKey);
            onPublic.Add($"{path} {(int)(await worker.Http.SendAsync(publicRequest)).StatusCode}");
            onManagement.Add($"{path} {(int)(await worker.Management.SendAsync(managementRequest)).StatusCode}");
        }

        // The same requests are served on the public port, so the 404s below are the port's doing.
        Assert.Equal(requests.SkipLast(1).Select(r => $"{r.Path} 200").Append("/no-such-page 404"), onPublic);
        Assert.Equal(requests.Select(r => $"{r.Path} 404"), onManagement);
    }

    [Fact]
    public async Task Probes_AnswerOnBothPorts()
    {
        await using var worker = await WorkerUnderTest.StartAsync(broker.Cluster, redis.Configuration);

        var answers = new List<string>();
        foreach (var client in new[] { worker.Http, worker.Management })
        {
            foreach (var path in new[] { "/healthz", "/readyz" })
            {
                using var request = WorkerUnderTest.Request(HttpMethod.Get, path, null);
                using var response = await client.SendAsync(request);
                answers.Add($"{path} {(int)response.StatusCode}");
            }
        }

        Assert.Equal(["/healthz 200", "/readyz 200", "/healthz 200", "/readyz 200"], answers);
    }
}
