using System.Text.Json.Serialization;

namespace QualityStream.Core.Thresholds;

/// <summary>What a cell aggregates over: one buyer, one source, or one buyer×source pair; in JSON by its contract code.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CellScope>))]
public enum CellScope : byte
{
    [JsonStringEnumMemberName("buyer")]
    Buyer,
    [JsonStringEnumMemberName("source")]
    Source,
    [JsonStringEnumMemberName("buyer_source")]
    BuyerSource,
}

public static class CellScopes
{
    public static string Code(this CellScope scope) => scope switch
    {
        CellScope.Buyer => "buyer",
        CellScope.Source => "source",
        _ => "buyer_source",
    };

    public static bool TryParse(string? code, out CellScope scope)
    {
        switch (code)
        {
            case "buyer": scope = CellScope.Buyer; return true;
            case "source": scope = CellScope.Source; return true;
            case "buyer_source": scope = CellScope.BuyerSource; return true;
            default: scope = default; return false;
        }
    }
}
