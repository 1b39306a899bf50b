namespace QualityStream.Harness.Traffic;

/// <summary>One BuyerFeedback JSON layout (docs/contract.md §2): a type with its outcome or reason, slots for ids and time.</summary>
internal sealed class FeedbackTemplate
{
    private readonly int _eventId;
    private readonly int _leadId;
    private readonly int _buyer;
    private readonly int _buyerDigits;
    private readonly int _time;

    /// <summary><paramref name="detail"/> is the extra member, e.g. <c>"outcome":"contacted"</c>, or empty for a conversion.</summary>
    public FeedbackTemplate(string buyerPrefix, int buyerDigits, string type, string detail)
    {
        var b = new TemplateBuilder().Text("{\"eventId\":\"f-");
        _eventId = b.Slot(DeliveryTemplate.IdDigits);
        b.Text("\",\"leadId\":\"L-");
        _leadId = b.Slot(DeliveryTemplate.IdDigits);
        b.Text($"\",\"buyerId\":\"{buyerPrefix}");
        (_buyer, _buyerDigits) = (b.Slot(buyerDigits), buyerDigits);
        b.Text($"\",\"type\":\"{type}\",\"occurredAt\":\"");
        _time = b.Slot(Patch.TimestampWidth);
        b.Text(detail.Length == 0 ? "\"}" : $"\",{detail}}}");
        Buffer = b.Build();
    }

    public byte[] Buffer { get; }

    public byte[] Fill(long eventNo, long leadNo, int buyer, long unixMs)
    {
        var span = Buffer.AsSpan();
        Patch.Digits(span.Slice(_eventId, DeliveryTemplate.IdDigits), eventNo);
        Patch.Digits(span.Slice(_leadId, DeliveryTemplate.IdDigits), leadNo);
        Patch.Digits(span.Slice(_buyer, _buyerDigits), buyer);
        Patch.Timestamp(span.Slice(_time, Patch.TimestampWidth), unixMs);
        return Buffer;
    }
}
