namespace QualityStream.Worker.Auth;

/// <summary>Roles of API keys (docs/contract.md §7), carried as <see cref="System.Security.Claims.ClaimTypes.Role"/> claims.</summary>
public static class QualityRoles
{
    public const string Admin = "admin";
    public const string Board = "board";
    public const string Buyer = "buyer";

    /// <summary>Claim type of the buyer a buyer key belongs to; set only for <see cref="Buyer"/> keys.</summary>
    public const string BuyerIdClaim = "qs:buyer_id";
}
