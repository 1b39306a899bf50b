namespace QualityStream.Harness.Traffic;

/// <summary>
/// One LeadDelivered JSON layout (docs/contract.md §2) with fixed-width slots for the ids, time, phone and email number.
/// <see cref="Fill"/> patches the slots in place: the buffer is reused, so produce it before the next fill.
/// </summary>
internal sealed class DeliveryTemplate
{
    public const int IdDigits = 10;
    private static readonly string[] AreaCodes =
        ["512", "214", "713", "212", "718", "415", "213", "619", "305", "407", "312", "404", "602", "206", "617", "303", "215", "313", "704", "615"];

    private readonly int _eventId;
    private readonly int _leadId;
    private readonly int _buyer;
    private readonly int _buyerDigits;
    private readonly int _source;
    private readonly int _sourceDigits;
    private readonly int _time;
    private readonly int _phone;
    private readonly int _email;

    public DeliveryTemplate(string buyerPrefix, int buyerDigits, string sourcePrefix, int sourceDigits, Persona persona, string vertical)
    {
        ArgumentNullException.ThrowIfNull(persona);
        var b = new TemplateBuilder().Text("{\"eventId\":\"d-");
        _eventId = b.Slot(IdDigits);
        b.Text("\",\"leadId\":\"L-");
        _leadId = b.Slot(IdDigits);
        b.Text($"\",\"buyerId\":\"{buyerPrefix}");
        (_buyer, _buyerDigits) = (b.Slot(buyerDigits), buyerDigits);
        b.Text($"\",\"sourceId\":\"{sourcePrefix}");
        (_source, _sourceDigits) = (b.Slot(sourceDigits), sourceDigits);
        b.Text($"\",\"vertical\":\"{vertical}\",\"deliveredAt\":\"");
        _time = b.Slot(Patch.TimestampWidth);
        b.Text($"\",\"price\":42.5,\"consumer\":{{\"firstName\":\"{persona.FirstName}\",\"lastName\":\"{persona.LastName}\",\"phone\":\"+1");
        _phone = b.Slot(10);
        b.Text($"\",\"email\":\"{persona.EmailLocal}.");
        _email = b.Slot(IdDigits);
        b.Text($"@example.com\",\"postalCode\":\"{persona.PostalCode}\",\"state\":\"{persona.State}\",\"country\":\"US\"}}}}");
        Buffer = b.Build();
    }

    public byte[] Buffer { get; }

    /// <summary>
    /// Patches the slots. <paramref name="consumer"/> decides phone and email (the same number is the same consumer, a
    /// duplicate for the same buyer); <paramref name="invalidPhone"/> gives the phone an exchange starting with 0, which
    /// libphonenumber rejects for the US.
    /// </summary>
    public byte[] Fill(long eventNo, long leadNo, int buyer, int source, long unixMs, long consumer, bool invalidPhone)
    {
        var span = Buffer.AsSpan();
        Patch.Digits(span.Slice(_eventId, IdDigits), eventNo);
        Patch.Digits(span.Slice(_leadId, IdDigits), leadNo);
        Patch.Digits(span.Slice(_buyer, _buyerDigits), buyer);
        Patch.Digits(span.Slice(_source, _sourceDigits), source);
        Patch.Timestamp(span.Slice(_time, Patch.TimestampWidth), unixMs);
        var area = AreaCodes[consumer % AreaCodes.Length];
        var rest = consumer / AreaCodes.Length;
        var phone = span.Slice(_phone, 10);
        phone[0] = (byte)area[0];
        phone[1] = (byte)area[1];
        phone[2] = (byte)area[2];
        Patch.Digits(phone.Slice(3, 3), invalidPhone ? rest % 100 : 200 + ((rest / 10_000) % 800));
        Patch.Digits(phone.Slice(6, 4), rest % 10_000);
        Patch.Digits(span.Slice(_email, IdDigits), consumer);
        return Buffer;
    }
}
