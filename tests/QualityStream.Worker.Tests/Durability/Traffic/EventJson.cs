using System.Globalization;

namespace QualityStream.Worker.Tests.Durability.Traffic;

/// <summary>Contract §2 JSON, kept short: the broker holds only about 5 MB a partition.</summary>
internal static class EventJson
{
    public static string Delivery(long n, string buyer, string source, string vertical, DateTimeOffset at, Consumer consumer) =>
        string.Create(CultureInfo.InvariantCulture,
            $$$"""{"eventId":"d-{{{n}}}","leadId":"L{{{n}}}","buyerId":"{{{buyer}}}","sourceId":"{{{source}}}","vertical":"{{{vertical}}}","deliveredAt":"{{{Time(at)}}}","price":12.5,"consumer":{"firstName":"Ana",{{{(consumer.Named ? "\"lastName\":\"Diaz\"," : "")}}}"phone":"{{{consumer.Phone}}}","email":"{{{consumer.Email}}}","postalCode":"78701","state":"TX","country":"US"}}""");

    /// <summary><paramref name="detail"/> is the outcome of a contact attempt or the reason of a return; conversions have none.</summary>
    public static string Feedback(long n, long lead, string buyer, string type, string? detail, DateTimeOffset at)
    {
        var extra = type switch
        {
            "contact_attempt" => $",\"outcome\":\"{detail}\"",
            "return" => $",\"reason\":\"{detail}\"",
            _ => "",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $$"""{"eventId":"f-{{n}}","leadId":"L{{lead}}","buyerId":"{{buyer}}","type":"{{type}}","occurredAt":"{{Time(at)}}"{{extra}}}""");
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>The contact fields of a consumer; <see cref="Named"/> false leaves out the last name (missing_name).</summary>
    internal sealed record Consumer(string Phone, string Email, bool Named);
}
