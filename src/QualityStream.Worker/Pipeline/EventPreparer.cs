using QualityStream.Core.Decoding;
using QualityStream.Core.Events;
using QualityStream.Core.Inspection;

namespace QualityStream.Worker.Pipeline;

/// <summary>Decodes and inspects messages. Pure, but not shared: each thread that prepares events owns one.</summary>
public sealed class EventPreparer(TimeProvider time)
{
    private readonly EventDecoder _decoder = new(time);
    private readonly LeadInspector _inspector = new();

    /// <summary>A delivery from its Kafka key and value; the key must be its <c>buyerId</c> (contract §2).</summary>
    public PreparedEvent Delivery(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var decoded = _decoder.DecodeDelivery(value);
        return !decoded.IsSuccess ? PreparedEvent.Rejected(decoded.Reason, decoded.Detail!)
            : KeyMismatch(key, decoded.Event!.BuyerId) is { } mismatch ? mismatch
            : PreparedEvent.Delivery(_inspector.Inspect(decoded.Event!));
    }

    /// <summary>Feedback from its Kafka key and value; the key must be its <c>buyerId</c> (contract §2).</summary>
    public PreparedEvent Feedback(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var decoded = _decoder.DecodeFeedback(value);
        return !decoded.IsSuccess ? PreparedEvent.Rejected(decoded.Reason, decoded.Detail!)
            : KeyMismatch(key, decoded.Event!.BuyerId) ?? PreparedEvent.Of(decoded.Event!);
    }

    /// <summary>
    /// The key decides the partition, so an event keyed by another buyer would land in (and move the numbers of)
    /// another buyer's task. Ids are ASCII (contract §1), so bytes and characters compare one to one.
    /// </summary>
    private static PreparedEvent? KeyMismatch(ReadOnlySpan<byte> key, string buyerId)
    {
        if (key.Length == buyerId.Length)
        {
            var same = true;
            for (var i = 0; i < key.Length && same; i++)
            {
                same = key[i] == buyerId[i];
            }

            if (same)
            {
                return null;
            }
        }

        return PreparedEvent.Rejected(RejectionReason.BuyerMismatch,
            $"the Kafka key {KeyText(key)} is not the event's buyerId '{buyerId}'; the key decides the partition, and so whose numbers the event moves");
    }

    private static string KeyText(ReadOnlySpan<byte> key) =>
        key.IsEmpty ? "(none)" : key.Length > 80 ? $"of {key.Length} bytes" : $"'{System.Text.Encoding.UTF8.GetString(key)}'";
}
