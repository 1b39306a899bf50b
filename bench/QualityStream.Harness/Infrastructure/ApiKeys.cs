using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace QualityStream.Harness.Infrastructure;

/// <summary>API keys as the worker reads them (docs/contract.md §7): hash <c>qs:apikeys</c>, field = hex SHA-256 of the key.</summary>
public static class ApiKeys
{
    public const string Board = "bench-board-key";

    public static Task AddBoardAsync(IDatabase db, string prefix) => AddAsync(db, prefix, Board, """{"role":"board"}""");

    public static string Buyer(string buyerId) => $"bench-buyer-key-{buyerId}";

    public static Task AddBuyerAsync(IDatabase db, string prefix, string buyerId) =>
        AddAsync(db, prefix, Buyer(buyerId), $$"""{"role":"buyer","buyerId":"{{buyerId}}"}""");

    private static Task<bool> AddAsync(IDatabase db, string prefix, string key, string json)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.HashSetAsync($"{prefix}qs:apikeys", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), json);
    }
}
