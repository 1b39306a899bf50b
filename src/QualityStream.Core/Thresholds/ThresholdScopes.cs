namespace QualityStream.Core.Thresholds;

/// <summary>Threshold scope strings of docs/contract.md §4: the Redis hash field that says whom a threshold applies to.</summary>
public static class ThresholdScopes
{
    public const string Default = "default";

    internal const string BuyerPrefix = "buyer:";
    internal const string SourcePrefix = "source:";
    internal const string PairSeparator = "|source:";
    private const int MaxIdLength = 64;

    public static string Buyer(string buyerId) => BuyerPrefix + buyerId;

    public static string Source(string sourceId) => SourcePrefix + sourceId;

    public static string BuyerSource(string buyerId, string sourceId) => BuyerPrefix + buyerId + PairSeparator + sourceId;

    /// <summary>
    /// Splits a scope into its ids: <c>default</c> gives both null, <c>buyer:b</c> a buyer, <c>source:s</c> a source,
    /// <c>buyer:b|source:s</c> both. Ids must follow docs/contract.md §1; <paramref name="error"/> says what is wrong otherwise.
    /// </summary>
    public static bool TryParse(string? scope, out string? buyerId, out string? sourceId, out string error)
    {
        buyerId = null;
        sourceId = null;
        error = "";
        if (string.IsNullOrEmpty(scope))
        {
            error = "scope is empty; expected default, buyer:{buyerId}, source:{sourceId} or buyer:{buyerId}|source:{sourceId}";
            return false;
        }

        if (scope == Default)
        {
            return true;
        }

        if (scope.StartsWith(SourcePrefix, StringComparison.Ordinal))
        {
            return TryId(scope[SourcePrefix.Length..], "sourceId", out sourceId, ref error);
        }

        if (!scope.StartsWith(BuyerPrefix, StringComparison.Ordinal))
        {
            error = $"scope '{scope}' is not default, buyer:{{buyerId}}, source:{{sourceId}} or buyer:{{buyerId}}|source:{{sourceId}}";
            return false;
        }

        var rest = scope.AsSpan(BuyerPrefix.Length);
        var pipe = rest.IndexOf('|');
        if (pipe < 0)
        {
            return TryId(rest.ToString(), "buyerId", out buyerId, ref error);
        }

        if (!rest[pipe..].StartsWith(PairSeparator, StringComparison.Ordinal))
        {
            error = $"scope '{scope}': after the buyer id expected '|source:{{sourceId}}'";
            return false;
        }

        var ok = TryId(rest[..pipe].ToString(), "buyerId", out buyerId, ref error)
            && TryId(rest[(pipe + PairSeparator.Length)..].ToString(), "sourceId", out sourceId, ref error);
        if (!ok)
        {
            buyerId = null;
            sourceId = null;
        }

        return ok;
    }

    private static bool TryId(string id, string name, out string? value, ref string error)
    {
        value = null;
        if (id.Length is 0 or > MaxIdLength)
        {
            error = $"{name} must be 1–{MaxIdLength} characters; got {id.Length}";
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                error = $"{name} '{id}' may contain only A–Z, a–z, 0–9, '.', '_' and '-'";
                return false;
            }
        }

        value = id;
        return true;
    }
}
