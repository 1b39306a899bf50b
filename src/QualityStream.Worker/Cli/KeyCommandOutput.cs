using System.Globalization;
using QualityStream.Worker.Auth;

namespace QualityStream.Worker.Cli;

/// <summary>What the <c>keys</c> commands print: the new key once, with how to use it; a table of keys; what was revoked.</summary>
internal sealed class KeyCommandOutput(TextWriter output, TextWriter error, IConfiguration configuration, string hashKey)
{
    // Where the worker of this configuration listens, as seen from its own machine (or through compose's port mapping).
    private readonly string _url = $"http://localhost:{(configuration.GetValue("Http:Port", 8080) is var p and > 0 and <= 65535 ? p : 8080)}";

    public async Task<int> CreatedAsync(CreatedApiKey created)
    {
        var r = created.Record;
        var key = created.Key;
        var use = r.Role switch
        {
            QualityRoles.Buyer => $"""
                Buyer page: {_url}/buyer?key={key}
                Snapshot:   curl -H 'Authorization: Bearer {key}' {_url}/api/snapshot
                """,
            QualityRoles.Board => $"""
                Board:      {_url}/?key={key}
                Snapshot:   curl -H 'Authorization: Bearer {key}' {_url}/api/snapshot
                """,
            _ => $"""
                Board:      {_url}/?key={key}
                Keys API:   curl -H 'Authorization: Bearer {key}' {_url}/api/keys
                """,
        };
        await output.WriteLineAsync($"""
            Created API key {created.Id}: {Describe(r.Role, r.BuyerId, r.Name)}.
            The key is shown only now; Redis keeps only its SHA-256 hash (in {hashKey}):

                {key}

            {use}
            Revoke:     keys revoke {created.Id}
            """);
        return KeyCommand.Done;
    }

    public async Task<int> ListAsync(IReadOnlyList<ApiKeyListItem> keys)
    {
        if (keys.Count == 0)
        {
            await output.WriteLineAsync($"No API keys in {hashKey}. Create one with: keys create --role board --name NAME");
            return KeyCommand.Done;
        }

        string[] header = ["ID", "ROLE", "BUYER", "CREATED", "NAME"];
        var rows = keys.Select(k => new[]
        {
            k.Id, k.Role ?? "?", k.BuyerId ?? "-",
            k.CreatedAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "-",
            k.Problem ?? k.Name ?? "-",
        }).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            await output.WriteLineAsync(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))));
        }

        return KeyCommand.Done;
    }

    public async Task<int> RevokedAsync(string id, ApiKeyRevocation revocation)
    {
        switch (revocation.Outcome)
        {
            case ApiKeyRevocationOutcome.NotFound:
                await error.WriteLineAsync($"keys: no API key has id {id} in {hashKey}; `keys list` shows the ids");
                return KeyCommand.Failed;
            case ApiKeyRevocationOutcome.Ambiguous:
                await error.WriteLineAsync($"keys: several API keys' hashes start with {id}; give more of the hash (HKEYS {hashKey})");
                return KeyCommand.Failed;
        }

        var k = revocation.Revoked!;
        var cache = configuration.GetValue("Auth:CacheSeconds", 30);
        await output.WriteLineAsync($"""
            Revoked API key {k.Id}: {Describe(k.Role, k.BuyerId, k.Name)}.
            A worker that accepted it in the last {cache} s (Auth:CacheSeconds) may go on accepting it until then.
            """);
        return KeyCommand.Done;
    }

    private static string Describe(string? role, string? buyerId, string? name) =>
        $"role {role ?? "?"}{(buyerId is null ? "" : $", buyer {buyerId}")}{(name is null ? "" : $", name '{name}'")}";
}
