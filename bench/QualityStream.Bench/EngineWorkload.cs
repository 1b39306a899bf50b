using QualityStream.Core.Events;
using QualityStream.Core.Inspection;
using QualityStream.Core.Thresholds;

namespace QualityStream.Bench;

/// <summary>
/// Pre-decoded, pre-inspected traffic for 200 buyers × 50 sources: deliveries interleaved with feedback on leads
/// delivered up to half an hour earlier (contact attempts, returns, conversions), time moving steadily forward.
/// </summary>
public static class EngineWorkload
{
    public const int Buyers = 200;
    public const int Sources = 50;

    public static readonly DateTimeOffset Origin = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Levels no cell of this workload ever crosses: no state changes, so no output records.</summary>
    public static ThresholdSet QuietThresholds()
    {
        var low = new Threshold("1h", 0.01, 0.005, 0.02, 30, 0);
        var high = new Threshold("1h", 0.99, 0.995, 0.98, 30, 0);
        return new ThresholdSet(new Dictionary<Metric, IReadOnlyDictionary<string, Threshold>>
        {
            [Metric.Validity] = new Dictionary<string, Threshold> { ["default"] = low },
            [Metric.Contact] = new Dictionary<string, Threshold> { ["default"] = low },
            [Metric.Duplicate] = new Dictionary<string, Threshold> { ["default"] = high },
            [Metric.Return] = new Dictionary<string, Threshold> { ["default"] = high },
        });
    }

    public static object[] Build(int events, TimeSpan span, int seed = 42)
    {
        var random = new Random(seed);
        var buyers = Enumerable.Range(0, Buyers).Select(i => $"buyer-{i:000}").ToArray();
        var sources = Enumerable.Range(0, Sources).Select(i => $"source-{i:00}").ToArray();
        var consumer = new Consumer("Ana", "Diaz", "+15124873910", "ana@example.com", "78701", "TX", "US");
        var step = span.Ticks / events;
        var result = new object[events];
        var delivered = new List<LeadDelivered>(events / 2);
        for (var i = 0; i < events; i++)
        {
            var at = Origin.AddTicks(step * i);
            if (i % 2 == 0 || delivered.Count < 100)
            {
                var lead = new LeadDelivered($"d-{i}", $"L-{i}", buyers[random.Next(Buyers)], sources[random.Next(Sources)],
                    "auto_insurance", at, 40m, consumer);
                delivered.Add(lead);
                var issues = random.NextDouble() < 0.05 ? ValidityIssues.InvalidPhone : ValidityIssues.None;
                // About 2% of consumers come back to the same buyer: a small pool of repeated fingerprints.
                var phone = random.NextDouble() < 0.02 ? (ulong)random.Next(1, 5000) : (ulong)random.NextInt64(5000, long.MaxValue);
                result[i] = new InspectedLead(lead, issues, phone, (ulong)random.NextInt64(1, long.MaxValue));
            }
            else
            {
                var recent = delivered[Math.Max(0, delivered.Count - 1 - random.Next(Math.Min(delivered.Count, 4000)))];
                var roll = random.NextDouble();
                result[i] = roll switch
                {
                    < 0.7 => new BuyerFeedback($"f-{i}", recent.LeadId, recent.BuyerId, FeedbackType.ContactAttempt, at,
                        random.NextDouble() < 0.55 ? ContactOutcome.Contacted : ContactOutcome.NoAnswer),
                    < 0.74 => new BuyerFeedback($"f-{i}", recent.LeadId, recent.BuyerId, FeedbackType.Return, at, Reason: ReturnReason.InvalidPhone),
                    _ => new BuyerFeedback($"f-{i}", recent.LeadId, recent.BuyerId, FeedbackType.Conversion, at),
                };
            }
        }

        return result;
    }
}
