using System.Globalization;
using System.Text;
using System.Text.Json;

namespace QualityStream.Simulator.Tests;

public sealed class EventShapeTests
{
    private static readonly Traffic Sample = new Traffic().Run(300, 10, TimeSpan.FromSeconds(1)).Drain(TimeSpan.FromHours(3), TimeSpan.FromMinutes(1));

    [Fact]
    public void Deliveries_HaveEveryRequiredFieldWithContractIdsAndKeys()
    {
        var deliveries = Sample.Deliveries.ToList();

        Assert.Equal(3000, deliveries.Count);
        Assert.All(deliveries, d =>
        {
            foreach (var id in (string[])["eventId", "leadId", "buyerId", "sourceId"])
            {
                Assert.Matches(Checks.Id(), d.Get(id));
            }

            Assert.Equal(d.Get("buyerId"), d.Message.Key);
            Assert.Equal(JsonValueKind.Object, d.Body.GetProperty("consumer").ValueKind);
            Assert.Equal("US", d.Body.GetProperty("consumer").GetProperty("country").GetString());
            Assert.Contains(d.Get("vertical"), (string[])["auto_insurance", "medicare", "life_insurance", "mortgage", "solar", "home_services", "legal"]);
            Assert.InRange(d.Body.GetProperty("price").GetDecimal(), 1m, 500m);
            Assert.Equal(d.Message.Timestamp, ParseUtc(d.Get("deliveredAt")));
        });
    }

    [Fact]
    public void Feedback_UsesContractTypesOutcomesAndReasons()
    {
        var feedback = Sample.Feedback.ToList();
        var outcomes = new[] { "contacted", "no_answer", "voicemail", "wrong_number", "disconnected" };

        Assert.NotEmpty(feedback);
        Assert.All(feedback, f =>
        {
            Assert.Matches(Checks.Id(), f.Get("eventId"));
            Assert.Matches(Checks.Id(), f.Get("leadId"));
            Assert.Equal(f.Get("buyerId"), f.Message.Key);
            Assert.Equal(f.Message.Timestamp, ParseUtc(f.Get("occurredAt")));
            switch (f.Get("type"))
            {
                case "contact_attempt": Assert.Contains(f.Get("outcome"), outcomes); break;
                case "return": Assert.Matches("^[a-z_]+$", f.Get("reason")); break;
                case "conversion": Assert.False(f.Body.TryGetProperty("outcome", out _)); break;
                default: Assert.Fail("Unknown type " + f.Get("type")); break;
            }
        });
        Assert.Equal(["contact_attempt", "conversion", "return"], feedback.Select(f => f.Get("type")).Distinct().Order());
    }

    [Fact]
    public void Json_IsCamelCaseWithUtcMillisecondTimestamps()
    {
        var delivery = Encoding.UTF8.GetString(Sample.Deliveries.First().Message.Value);

        Assert.StartsWith("{\"eventId\":\"d-", delivery, StringComparison.Ordinal);
        Assert.Matches("\"deliveredAt\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"", delivery);
        Assert.Contains("\"consumer\":{\"firstName\":", delivery, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_AreUniqueAcrossTheRun()
    {
        Assert.Equal(Sample.Messages.Count, Sample.Messages.Select(m => m.Get("eventId")).Distinct().Count());
        Assert.Equal(Sample.Deliveries.Count(), Sample.Deliveries.Select(m => m.Get("leadId")).Distinct().Count());
    }

    private static DateTimeOffset ParseUtc(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
