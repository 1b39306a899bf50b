using QualityStream.Core.Decoding;
using QualityStream.Core.Events;

namespace QualityStream.Core.Tests.Decoding;

public class DeliveryDecodingTests
{
    private readonly EventDecoder _decoder = Samples.Decoder();

    [Fact]
    public void DecodeDelivery_ContractExample_ReadsEveryField()
    {
        var result = _decoder.DecodeDelivery(Samples.Utf8(Samples.Delivery));

        Assert.True(result.IsSuccess, result.Detail);
        var expected = new LeadDelivered(
            "d-000123", "L-98765", "acme-auto", "fb-camp-7", "auto_insurance",
            new DateTimeOffset(2026, 11, 23, 8, 15, 2, 120, TimeSpan.Zero), 42.5m,
            new Consumer("Ana", "Diaz", "+15125550143", "ana@example.com", "78701", "TX", "US"));
        Assert.Equal(expected, result.Event);
    }

    [Fact]
    public void DecodeDelivery_OffsetTimestamp_IsNormalisedToUtc()
    {
        var lead = _decoder.DecodeDelivery(Samples.With(Samples.Delivery, "deliveredAt", "\"2026-11-23T10:15:02.5+02:00\"")).Event!;

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 15, 2, 500, TimeSpan.Zero), lead.DeliveredAt);
        Assert.Equal(TimeSpan.Zero, lead.DeliveredAt.Offset);
    }

    [Fact]
    public void DecodeDelivery_NegativeOffsetAcrossMidnight_IsNormalisedToNextUtcDay()
    {
        var lead = _decoder.DecodeDelivery(Samples.With(Samples.Delivery, "deliveredAt", "\"2026-11-22t23:30:00-05:30\"")).Event!;

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 5, 0, 0, TimeSpan.Zero), lead.DeliveredAt);
    }

    [Fact]
    public void DecodeDelivery_NoVertical_DefaultsToDefault() =>
        Assert.Equal("default", _decoder.DecodeDelivery(Samples.With(Samples.Delivery, "vertical", null)).Event!.Vertical);

    [Fact]
    public void DecodeDelivery_NullVertical_DefaultsToDefault() =>
        Assert.Equal("default", _decoder.DecodeDelivery(Samples.With(Samples.Delivery, "vertical", "null")).Event!.Vertical);

    [Fact]
    public void DecodeDelivery_UnknownVertical_IsKeptAsGiven() =>
        Assert.Equal("solar", _decoder.DecodeDelivery(Samples.With(Samples.Delivery, "vertical", "\"solar\"")).Event!.Vertical);

    [Fact]
    public void DecodeDelivery_NoPrice_IsNull() =>
        Assert.Null(_decoder.DecodeDelivery(Samples.With(Samples.Delivery, "price", null)).Event!.Price);

    [Fact]
    public void DecodeDelivery_ZeroPrice_IsAccepted() =>
        Assert.Equal(0m, _decoder.DecodeDelivery(Samples.With(Samples.Delivery, "price", "0")).Event!.Price);

    [Fact]
    public void DecodeDelivery_EmptyConsumer_HasAllFieldsNull() =>
        Assert.Equal(
            new Consumer(null, null, null, null, null, null, null),
            _decoder.DecodeDelivery(Samples.With(Samples.Delivery, "consumer", "{}")).Event!.Consumer);

    [Fact]
    public void DecodeDelivery_NullConsumerField_IsAbsent() =>
        Assert.Null(_decoder.DecodeDelivery(Samples.With(Samples.Delivery, "consumer.phone", "null")).Event!.Consumer.Phone);

    [Fact]
    public void DecodeDelivery_UnknownMembersAnywhere_AreIgnored()
    {
        var json = Samples.With(Samples.Delivery, "extra", """{ "nested": [1, {"a": null}], "s": "x" }""");
        json = Samples.With(System.Text.Encoding.UTF8.GetString(json), "consumer.middleName", "\"Maria\"");

        Assert.True(_decoder.DecodeDelivery(json).IsSuccess);
    }

    [Fact]
    public void DecodeDelivery_EscapedStrings_AreUnescaped()
    {
        var json = Samples.Utf8(Samples.Delivery
            .Replace("\"acme-auto\"", "\"acme\\u002dauto\"", StringComparison.Ordinal)
            .Replace("\"eventId\"", "\"\\u0065ventId\"", StringComparison.Ordinal)
            .Replace("\"auto_insurance\"", "\"auto\\u005finsurance\"", StringComparison.Ordinal)
            .Replace("\"2026-11-23T08:15:02.120Z\"", "\"2026-11-23T08:15:02.120\\u005a\"", StringComparison.Ordinal));

        var lead = _decoder.DecodeDelivery(json).Event!;

        Assert.Equal("acme-auto", lead.BuyerId);
        Assert.Equal("d-000123", lead.EventId);
        Assert.Equal("auto_insurance", lead.Vertical);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 15, 2, 120, TimeSpan.Zero), lead.DeliveredAt);
    }

    [Fact]
    public void DecodeDelivery_ExactlyAtFutureSkewLimit_IsAccepted() =>
        Assert.True(_decoder.DecodeDelivery(Samples.With(Samples.Delivery, "deliveredAt", "\"2026-11-24T09:05:00Z\"")).IsSuccess);

    [Fact]
    public void DecodeDelivery_ExactlyMaxSize_IsNotTooLarge()
    {
        var json = Samples.Delivery + new string(' ', EventDecoder.MaxEventBytes - Samples.Utf8(Samples.Delivery).Length);

        Assert.True(_decoder.DecodeDelivery(Samples.Utf8(json)).IsSuccess);
    }

    [Fact]
    public void DecodeDelivery_TwoLetterStateAndCountry_AreSharedStrings()
    {
        var first = _decoder.DecodeDelivery(Samples.Utf8(Samples.Delivery)).Event!.Consumer;
        var second = _decoder.DecodeDelivery(Samples.Utf8(Samples.Delivery)).Event!.Consumer;

        Assert.Same(first.State, second.State);
        Assert.Same(first.Country, second.Country);
    }

    [Fact]
    public void DecodeDelivery_OtherStateSpellings_AreKeptAsGiven() =>
        Assert.Equal("Texas", _decoder.DecodeDelivery(Samples.With(Samples.Delivery, "consumer.state", "\"Texas\"")).Event!.Consumer.State);
}
