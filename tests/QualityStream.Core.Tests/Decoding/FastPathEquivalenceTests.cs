using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using QualityStream.Core.Decoding;
using QualityStream.Core.Events;

namespace QualityStream.Core.Tests.Decoding;

/// <summary>
/// The decoder reads common values on shortcuts (ASCII strings and ids straight from the input, plain prices
/// by hand, the clock read only when an event looks ahead); each must give what the general path gives.
/// </summary>
public class FastPathEquivalenceTests
{
    private readonly EventDecoder _decoder = Samples.Decoder();

    [Theory]
    [InlineData("José")]
    [InlineData("Zoë O'Brien")]
    [InlineData("山田")]
    [InlineData("Ana 🙂")]
    [InlineData("")]
    [InlineData(" ")]
    public void DecodeDelivery_NonAsciiAndBlankNames_AreKeptExactly(string name)
    {
        var json = Samples.With(Samples.Delivery, "consumer.firstName", JsonSerializer.Serialize(name));

        Assert.Equal(name, _decoder.DecodeDelivery(json).Event!.Consumer.FirstName);
    }

    [Theory]
    [InlineData("\"Jos\\u00e9\"", "José")]
    [InlineData("\"a\\\"b\"", "a\"b")]
    [InlineData("\"line\\nbreak\"", "line\nbreak")]
    [InlineData("\"\\ud83d\\ude42\"", "🙂")]
    public void DecodeDelivery_EscapedConsumerStrings_AreUnescaped(string json, string expected)
    {
        var lead = _decoder.DecodeDelivery(Samples.With(Samples.Delivery, "consumer.email", json)).Event!;

        Assert.Equal(expected, lead.Consumer.Email);
    }

    [Theory]
    [InlineData("eventId")]
    [InlineData("leadId")]
    [InlineData("buyerId")]
    [InlineData("sourceId")]
    public void DecodeDelivery_EscapedValidId_IsUnescaped(string field) =>
        Assert.True(_decoder.DecodeDelivery(Samples.With(Samples.Delivery, field, "\"a\\u002Db.c_9\"")).IsSuccess);

    [Theory]
    [InlineData("\"acm\\u00e9\"", "'acmé'")]
    [InlineData("\"a\\u0020b\"", "'a b'")]
    public void DecodeDelivery_EscapedInvalidId_IsRejectedWithTheUnescapedValue(string json, string quoted)
    {
        var result = _decoder.DecodeDelivery(Samples.With(Samples.Delivery, "buyerId", json));

        Assert.Equal(RejectionReason.InvalidId, result.Reason);
        Assert.Equal($"buyerId: {quoted} must be 1-64 characters of [A-Za-z0-9._-]", result.Detail);
    }

    [Theory]
    [InlineData("42.5")]
    [InlineData("42.50")]
    [InlineData("0")]
    [InlineData("0.000")]
    [InlineData("100")]
    [InlineData("999999999999999999")]
    [InlineData("1000000000000000000")]
    [InlineData("12345678901234567.8")]
    [InlineData("1234567890123456.78")]
    [InlineData("0.12345678901234567")]
    [InlineData("0.123456789012345678")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("1e2")]
    [InlineData("1.50E+3")]
    [InlineData("2.5e-3")]
    public void DecodeDelivery_Price_HasTheReadersValueAndScale(string number)
    {
        var reader = new Utf8JsonReader(Samples.Utf8(number));
        reader.Read();
        Assert.True(reader.TryGetDecimal(out var expected));

        var price = _decoder.DecodeDelivery(Samples.With(Samples.Delivery, "price", number)).Event!.Price;

        Assert.Equal(decimal.GetBits(expected), decimal.GetBits(price!.Value));
    }

    [Theory]
    [InlineData("-0.5", "-0.5")]
    [InlineData("-1e2", "-100")]
    public void DecodeDelivery_NegativePrice_IsRejectedAsBefore(string number, string shown) =>
        Assert.Equal(
            $"price: {shown} is negative; a price must be ≥ 0",
            _decoder.DecodeDelivery(Samples.With(Samples.Delivery, "price", number)).Detail);

    [Fact]
    public void DecodeDelivery_NegativeZeroPrice_IsAccepted() =>
        Assert.Equal(0m, _decoder.DecodeDelivery(Samples.With(Samples.Delivery, "price", "-0")).Event!.Price);

    [Fact]
    public void DecodeDelivery_AfterTheClockMoves_JudgesTheFutureAgainstTheNewTime()
    {
        var clock = new FakeTimeProvider(Samples.Now);
        var decoder = new EventDecoder(clock);
        Assert.True(decoder.DecodeDelivery(Samples.Utf8(Samples.Delivery)).IsSuccess);

        clock.Advance(TimeSpan.FromHours(1));
        var fourAhead = decoder.DecodeDelivery(Samples.With(Samples.Delivery, "deliveredAt", "\"2026-11-24T10:04:00Z\""));
        var eightAhead = decoder.DecodeDelivery(Samples.With(Samples.Delivery, "deliveredAt", "\"2026-11-24T10:08:00Z\""));

        Assert.True(fourAhead.IsSuccess, fourAhead.Detail);
        Assert.Equal("deliveredAt: 2026-11-24T10:08:00Z is 8m in the future (limit 5m)", eightAhead.Detail);
    }

    [Fact]
    public void DecodeFeedback_AfterARejectedFutureEvent_StillRejectsTheNextOne()
    {
        var future = Samples.With(Samples.Conversion, "occurredAt", "\"2026-11-24T09:10:00Z\"");

        Assert.Equal(RejectionReason.FutureTimestamp, _decoder.DecodeFeedback(future).Reason);
        Assert.Equal(RejectionReason.FutureTimestamp, _decoder.DecodeFeedback(future).Reason);
    }
}
