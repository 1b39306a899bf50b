namespace QualityStream.Worker.Auth;

/// <summary>
/// One key of <c>qs:apikeys</c> as lists show it: never the key, never its full hash. <see cref="Problem"/> says why the
/// worker refuses a stored value (then role and buyer are unknown), so an admin can find and revoke it.
/// </summary>
public sealed record ApiKeyListItem(string Id, string? Role, string? BuyerId, string? Name, DateTimeOffset? CreatedAt, string? Problem)
{
    public static ApiKeyListItem From(string hash, string? value) =>
        ApiKeyRecord.TryParse(value, out var record, out var error)
            ? new ApiKeyListItem(ApiKeys.Id(hash), record!.Role, record.BuyerId, record.Name, record.CreatedAt, null)
            : new ApiKeyListItem(ApiKeys.Id(hash), null, null, null, null, $"refused: its value {error}");
}
