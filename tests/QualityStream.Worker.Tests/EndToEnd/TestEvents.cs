using System.Text;

namespace QualityStream.Worker.Tests.EndToEnd;

/// <summary>Contract JSON for test events (docs/contract.md §2), written out literally so the tests read like the contract.</summary>
internal static class TestEvents
{
    public static string Delivery(string leadId, string buyer, string source, DateTimeOffset at, string phone = "+15124873910", string? eventId = null) =>
        $$$"""
        {"eventId":"{{{eventId ?? "d-" + leadId}}}","leadId":"{{{leadId}}}","buyerId":"{{{buyer}}}","sourceId":"{{{source}}}",
         "vertical":"auto_insurance","deliveredAt":"{{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}}","price":42.5,
         "consumer":{"firstName":"Ana","lastName":"Diaz","phone":"{{{phone}}}","email":"ana.{{{leadId}}}@example.com","postalCode":"78701","state":"TX","country":"US"} }
        """;

    public static string Contact(string leadId, string buyer, DateTimeOffset at, string outcome, string? eventId = null) =>
        $$"""{"eventId":"{{eventId ?? $"f-{leadId}-{outcome}"}}","leadId":"{{leadId}}","buyerId":"{{buyer}}","type":"contact_attempt","occurredAt":"{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}","outcome":"{{outcome}}"}""";

    public static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);
}
