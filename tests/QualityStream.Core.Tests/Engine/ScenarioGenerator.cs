using FsCheck;
using FsCheck.Fluent;
using QualityStream.Core.Events;
using QualityStream.Core.Inspection;

namespace QualityStream.Core.Tests.Engine;

/// <summary>
/// Few buyers, sources, leads and consumers so that collisions are common: shared leads, redeliveries, duplicates,
/// buyer mismatches, feedback before its delivery, reused eventIds, and time that jumps back and forth across the windows.
/// </summary>
public static class ScenarioGenerator
{
    public static readonly DateTimeOffset Origin = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Buyers = ["acme-auto", "bolt-legal", "cove-mortgage"];
    private static readonly string[] Sources = ["fb-camp-7", "google-3", "tiktok.1"];
    private static readonly string[] Verticals = ["auto_insurance", "legal", "mortgage", "solar"];

    public static Arbitrary<Scenario> Scenarios() => Arb.From(Gen.Sized(size =>
        from steps in Gen.ListOf(Step(), Math.Max(1, size * 2))
        from redeliveries in Gen.ListOf(Gen.Choose(0, 1000), size / 3 + 1)
        select Build(steps, redeliveries)));

    private static Gen<(int Kind, int Lead, int Buyer, int Source, int Delta, int A, int B, int C, int Reuse)> Step() =>
        from kind in Gen.Frequency((5, Gen.Constant(0)), (5, Gen.Constant(1)))
        from lead in Gen.Choose(0, 14)
        from buyer in Gen.Frequency((8, Gen.Constant(-1)), (1, Gen.Choose(0, 2)))
        from source in Gen.Choose(0, 2)
        from delta in Gen.Frequency((6, Gen.Choose(0, 900)), (2, Gen.Choose(-3600, 0)), (1, Gen.Choose(1800, 7 * 3600)), (1, Gen.Choose(-8 * 3600, -3600)))
        from a in Gen.Choose(0, 9)
        from b in Gen.Choose(0, 6)
        from c in Gen.Choose(0, 6)
        from reuse in Gen.Frequency((12, Gen.Constant(0)), (1, Gen.Choose(1, 5)))
        select (kind, lead, buyer, source, delta, a, b, c, reuse);

    private static Scenario Build(IList<(int Kind, int Lead, int Buyer, int Source, int Delta, int A, int B, int C, int Reuse)> steps, IList<int> redeliveries)
    {
        var events = new List<object>();
        var clock = 0L;
        var n = 0;
        foreach (var s in steps)
        {
            clock += s.Delta;
            var at = Origin.AddSeconds(Math.Max(0, clock));
            // Phone and email fingerprints never coincide in practice ("p:" and "e:" prefixes), so keep them apart here too.
            // Most events for a lead come from its "home" buyer; buyer overrides make shared leads and mismatches.
            var buyer = Buyers[s.Buyer >= 0 ? s.Buyer : s.Lead % Buyers.Length];
            var leadId = $"L-{s.Lead}";
            n++;
            // Now and then an event takes the id of one a few steps back, whatever that one was about.
            var id = Math.Max(1, n - s.Reuse);
            if (s.Kind == 0)
            {
                var lead = new LeadDelivered($"d-{id}", leadId, buyer, Sources[(s.Source + s.Lead) % Sources.Length],
                    Verticals[s.Lead % Verticals.Length], at, s.C == 0 ? null : s.B * 7.255m, new Consumer("A", "B", null, null, null, null, "US"));
                // One failed check, or two: a lead that fails two counts under both.
                var issues = s.A < 8 ? ValidityIssues.None
                    : (ValidityIssues)(1 << (s.B % 5)) | (s.A == 9 ? (ValidityIssues)(1 << (s.C % 5)) : ValidityIssues.None);
                events.Add(new InspectedLead(lead, issues, (ulong)s.B, s.C == 0 ? 0UL : 100UL + (ulong)s.C));
            }
            else
            {
                events.Add(s.A switch
                {
                    < 5 => new BuyerFeedback($"f-{id}", leadId, buyer, FeedbackType.ContactAttempt, at, (ContactOutcome)(s.B % 5)),
                    < 8 => new BuyerFeedback($"f-{id}", leadId, buyer, FeedbackType.Return, at, Reason: (ReturnReason)s.C),
                    _ => new BuyerFeedback($"f-{id}", leadId, buyer, FeedbackType.Conversion, at),
                });
            }
        }

        // Redeliver some events later in the stream, exactly as a consumer restart would.
        foreach (var r in redeliveries)
        {
            if (events.Count > 0)
            {
                var original = events[r % events.Count];
                events.Insert(Math.Min(events.Count, (r % events.Count) + 1 + (r % 7)), original);
            }
        }

        return new Scenario(events);
    }
}
