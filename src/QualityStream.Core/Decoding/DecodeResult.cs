using QualityStream.Core.Events;
namespace QualityStream.Core.Decoding;

/// <summary>Either a decoded event or a precise rejection; decoding never throws on bad input.</summary>
public readonly record struct DecodeResult<T>(T? Event, RejectionReason Reason, string? Detail)
    where T : class
{
    public bool IsSuccess => Event is not null;
}

public static class DecodeResult
{
    public static DecodeResult<T> Ok<T>(T value) where T : class => new(value, default, null);

    public static DecodeResult<T> Reject<T>(RejectionReason reason, string detail) where T : class => new(null, reason, detail);
}
