using System.Text;
using System.Text.Json;
using QualityStream.Core.Thresholds;

namespace QualityStream.Worker.Auth;

/// <summary>
/// What a key may do: the value stored for it in <c>qs:apikeys</c>, e.g. <c>{"role":"buyer","buyerId":"acme-auto"}</c>.
/// Keys made by <see cref="ApiKeyRegistry"/> also carry a <see cref="Name"/> and <see cref="CreatedAt"/>; they only
/// describe the key, so a record without them, or with them malformed, grants the same access.
/// </summary>
public sealed record ApiKeyRecord(string Role, string? BuyerId)
{
    /// <summary>What the key is for, as its creator named it, e.g. <c>acme portal</c>.</summary>
    public string? Name { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Accepts roles admin, board and buyer; a buyer needs a valid buyerId (docs/contract.md §1), the others get none.</summary>
    public static bool TryCreate(string? role, string? buyerId, out ApiKeyRecord? record, out string error)
    {
        record = null;
        error = "";
        if (role is QualityRoles.Admin or QualityRoles.Board)
        {
            record = new ApiKeyRecord(role, null);
            return true;
        }

        if (role != QualityRoles.Buyer)
        {
            error = $"role must be admin, board or buyer; got {(role is null ? "none" : $"'{role}'")}";
            return false;
        }

        // The scope parser holds the contract's id rule and says what is wrong with an id.
        if (buyerId is null || !ThresholdScopes.TryParse(ThresholdScopes.Buyer(buyerId), out _, out _, out error))
        {
            error = buyerId is null ? "a buyer key needs a buyerId" : error;
            return false;
        }

        record = new ApiKeyRecord(role, buyerId);
        return true;
    }

    public static bool TryParse(string? json, out ApiKeyRecord? record, out string error)
    {
        record = null;
        try
        {
            using var doc = JsonDocument.Parse(json ?? "");
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "must be a JSON object";
                return false;
            }

            if (!TryCreate(Text(root, "role"), Text(root, "buyerId"), out record, out error))
            {
                return false;
            }

            record = record! with { Name = Text(root, "name"), CreatedAt = Timestamp(root, "createdAt") };
            return true;
        }
        catch (JsonException e)
        {
            error = $"is not JSON: {e.Message}";
            return false;
        }
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("role", Role);
            if (BuyerId is not null)
            {
                json.WriteString("buyerId", BuyerId);
            }

            if (Name is not null)
            {
                json.WriteString("name", Name);
            }

            if (CreatedAt is { } at)
            {
                json.WriteString("createdAt", at.UtcDateTime);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Timestamp(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var at)
            ? at
            : null;
}
