using BenchmarkDotNet.Attributes;
using QualityStream.Core.Events;
using QualityStream.Core.Inspection;

namespace QualityStream.Bench;

/// <summary>Validity checks and fingerprints per delivered lead; libphonenumber's parse dominates.</summary>
[MemoryDiagnoser]
public class InspectBenchmarks
{
    private static readonly Consumer Ana = new("Ana", "Diaz", "+15125550143", "ana@example.com", "78701", "TX", "US");

    private static readonly LeadDelivered Valid = Lead(Ana);
    private static readonly LeadDelivered NationalFormat = Lead(Ana with { Phone = "(512) 555-0143" });
    private static readonly LeadDelivered EmailOnly = Lead(Ana with { Phone = null });
    private static readonly LeadDelivered UnparseablePhone = Lead(Ana with { Phone = "n/a" });
    private static readonly LeadDelivered InvalidPhone = Lead(Ana with { Phone = "+1 000 555 0143" });

    // The harness's invalid phones: E.164 with an exchange starting 0 or 1.
    private static readonly LeadDelivered InvalidE164 = Lead(Ana with { Phone = "+15120550143" });

    private readonly LeadInspector _inspector = new();

    [Benchmark(Baseline = true)]
    public InspectedLead Inspect_ValidE164() => _inspector.Inspect(Valid);

    [Benchmark]
    public InspectedLead Inspect_ValidNationalFormat() => _inspector.Inspect(NationalFormat);

    [Benchmark]
    public InspectedLead Inspect_EmailOnly() => _inspector.Inspect(EmailOnly);

    [Benchmark]
    public InspectedLead Inspect_InvalidPhone() => _inspector.Inspect(InvalidPhone);

    [Benchmark]
    public InspectedLead Inspect_InvalidE164() => _inspector.Inspect(InvalidE164);

    [Benchmark]
    public InspectedLead Inspect_UnparseablePhone() => _inspector.Inspect(UnparseablePhone);

    private static LeadDelivered Lead(Consumer consumer) =>
        new("d-000123", "L-98765", "acme-auto", "fb-camp-7", "auto_insurance", DateTimeOffset.UnixEpoch, 42.5m, consumer);
}
