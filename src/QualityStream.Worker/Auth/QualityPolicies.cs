namespace QualityStream.Worker.Auth;

/// <summary>Authorization policy names used by endpoints and the hub.</summary>
public static class QualityPolicies
{
    /// <summary>admin only: threshold writes.</summary>
    public const string Admin = "qs-admin";

    /// <summary>admin or board: the whole snapshot, threshold reads, the wall board stream.</summary>
    public const string Board = "qs-board";

    /// <summary>any valid key (admin, board, buyer); buyers are narrowed to their own data by the endpoint.</summary>
    public const string AnyKey = "qs-any";
}
