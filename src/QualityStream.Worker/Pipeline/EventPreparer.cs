using QualityStream.Core.Decoding;
using QualityStream.Core.Inspection;

namespace QualityStream.Worker.Pipeline;

/// <summary>Decodes and inspects messages. Pure, but not shared: each thread that prepares events owns one.</summary>
public sealed class EventPreparer(TimeProvider time)
{
    private readonly EventDecoder _decoder = new(time);
    private readonly LeadInspector _inspector = new();

    public PreparedEvent Delivery(ReadOnlySpan<byte> value)
    {
        var decoded = _decoder.DecodeDelivery(value);
        return decoded.IsSuccess
            ? PreparedEvent.Delivery(_inspector.Inspect(decoded.Event!))
            : PreparedEvent.Rejected(decoded.Reason, decoded.Detail!);
    }

    public PreparedEvent Feedback(ReadOnlySpan<byte> value)
    {
        var decoded = _decoder.DecodeFeedback(value);
        return decoded.IsSuccess ? PreparedEvent.Of(decoded.Event!) : PreparedEvent.Rejected(decoded.Reason, decoded.Detail!);
    }
}
