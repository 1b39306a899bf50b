using System.Net;
using System.Text.Json;
using QualityStream.Worker.Tests.EndToEnd;

namespace QualityStream.Worker.Tests.Ledger;

/// <summary>Reads the ledger APIs of a worker under test with a chosen key.</summary>
internal static class LedgerClient
{
    public static async Task<JsonElement> GetAsync(WorkerUnderTest worker, string path, string key)
    {
        using var response = await worker.Http.SendAsync(WorkerUnderTest.Request(HttpMethod.Get, path, key));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<HttpStatusCode> StatusAsync(WorkerUnderTest worker, string path, string key)
    {
        using var response = await worker.Http.SendAsync(WorkerUnderTest.Request(HttpMethod.Get, path, key));
        return response.StatusCode;
    }

    public static async Task<List<JsonElement>> IncidentsAsync(WorkerUnderTest worker, string query, string key = WorkerUnderTest.BoardKey) =>
        [.. (await GetAsync(worker, "/api/incidents" + query, key)).GetProperty("incidents").EnumerateArray()];

    public static string? Str(this JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();
}
