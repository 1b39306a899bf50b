using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace QualityStream.Harness.Infrastructure;

/// <summary>API keys as the worker reads them (CONTRACTS §7): hash <c>qs:apikeys</c>, field = hex SHA-256 of the key.</summary>
public static class ApiKeys
{
    public const string Board = "bench-board-key";

    public static Task AddBoardAsync(IDatabase db, string prefix)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.HashSetAsync($"{prefix}qs:apikeys", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Board))), """{"role":"board"}""");
    }
}
