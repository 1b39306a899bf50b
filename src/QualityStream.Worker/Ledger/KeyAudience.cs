using System.Globalization;
using System.Security.Claims;
using QualityStream.Worker.Auth;

namespace QualityStream.Worker.Ledger;

/// <summary>
/// What a key may read from the ledger APIs, as <c>/api/snapshot</c> decides it: a buyer key its own buyer only (never
/// source scope), whatever it asks for; asking for another buyer is 403.
/// </summary>
internal static class KeyAudience
{
    /// <summary>The buyer to narrow to (the key's own for a buyer key, else the query's), or a 403 in <paramref name="refused"/>.</summary>
    public static string? Narrow(HttpContext http, string? buyerId, out IResult? refused)
    {
        refused = null;
        if (!IsBuyer(http))
        {
            return buyerId;
        }

        var own = http.User.FindFirstValue(QualityRoles.BuyerIdClaim);
        if (buyerId is not null && buyerId != own)
        {
            refused = Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: $"this key belongs to buyer {own}; it cannot read buyer {buyerId}");
        }

        return own;
    }

    public static bool IsBuyer(HttpContext http) => http.User.IsInRole(QualityRoles.Buyer);

    public static IResult BadRequest(string detail) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: detail);

    /// <summary>An ISO 8601 instant with an offset, or <paramref name="fallback"/> when absent; false when malformed.</summary>
    public static bool TryInstant(string? text, DateTimeOffset fallback, out DateTimeOffset at)
    {
        if (string.IsNullOrEmpty(text))
        {
            at = fallback;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);
    }
}
