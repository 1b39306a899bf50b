using QualityStream.Core.Events;
namespace QualityStream.Core.Decoding;

/// <summary>
/// Collects the first problem of the most telling kind while the whole document is still read,
/// so a later syntax error still wins as <c>malformed_json</c> and the verdict does not depend on field order:
/// schema beats invalid_id beats future_timestamp.
/// </summary>
internal struct DecodeErrors
{
    public RejectionReason? Reason { get; private set; }

    public string? Detail { get; private set; }

    public readonly bool Any => Reason is not null;

    public void Add(RejectionReason reason, string detail)
    {
        if (Reason is { } current && Rank(current) <= Rank(reason))
        {
            return;
        }

        Reason = reason;
        Detail = detail;
    }

    public readonly DecodeResult<T> ToResult<T>() where T : class =>
        DecodeResult.Reject<T>(Reason ?? RejectionReason.Schema, Detail ?? "unknown error");

    private static int Rank(RejectionReason reason) => reason switch
    {
        RejectionReason.Schema => 0,
        RejectionReason.InvalidId => 1,
        _ => 2,
    };
}
