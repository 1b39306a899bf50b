using QualityStream.Core.Events;
using QualityStream.Core.Inspection;

namespace QualityStream.Core.Tests.Engine;

internal static class TestLeads
{
    public static InspectedLead Lead(string leadId, string buyer, DateTimeOffset at, string source = "fb-camp-7", ulong phone = 0) =>
        new(new LeadDelivered($"d-{leadId}", leadId, buyer, source, "auto_insurance", at, null,
            new Consumer("Ana", "Diaz", null, null, "78701", "TX", "US")), ValidityIssues.None, phone, 0);
}
