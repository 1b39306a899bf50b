using QualityStream.Core.Events;

namespace QualityStream.Core.Tests.Inspection;

/// <summary>A valid contract-example lead to vary per test.</summary>
internal static class Leads
{
    public static readonly Consumer Ana = new("Ana", "Diaz", "+15125550143", "ana@example.com", "78701", "TX", "US");

    public static LeadDelivered With(Consumer consumer, string buyerId = "acme-auto") =>
        new("d-000123", "L-98765", buyerId, "fb-camp-7", "auto_insurance",
            new DateTimeOffset(2026, 11, 23, 8, 15, 2, TimeSpan.Zero), 42.5m, consumer);
}
