using System.ComponentModel.DataAnnotations;
using QualityStream.Simulator.Incidents;

namespace QualityStream.Simulator;

/// <summary>Traffic shape and Kafka target. Rates are per lead; defaults follow DOMAIN.md's benchmarks.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    public string BootstrapServers { get; set; } = "127.0.0.1:9092";

    public string DeliveriesTopic { get; set; } = "lead-deliveries";

    public string FeedbackTopic { get; set; } = "buyer-feedback";

    /// <summary>Lead deliveries per second; feedback comes on top (roughly one to two events per lead).</summary>
    [Range(0.001, 10_000_000)]
    public double Rate { get; set; } = 200;

    /// <summary>Stop after this long; null runs until cancelled.</summary>
    public TimeSpan? Duration { get; set; }

    [Range(1, 100_000)]
    public int Buyers { get; set; } = 20;

    [Range(1, 100_000)]
    public int Sources { get; set; } = 30;

    /// <summary>Same seed, same clock readings: same bytes. Null picks a random seed (and so fresh ids).</summary>
    public int? Seed { get; set; }

    /// <summary>Mean share of leads that pass the validity checks; each source varies around it.</summary>
    [Range(0.0, 1.0)]
    public double Validity { get; set; } = 0.95;

    /// <summary>Mean share of leads that repeat a consumer already sold to the same buyer.</summary>
    [Range(0.0, 1.0)]
    public double DuplicateRate { get; set; } = 0.02;

    [Range(0.0, 1.0)]
    public double ContactRateMin { get; set; } = 0.40;

    [Range(0.0, 1.0)]
    public double ContactRateMax { get; set; } = 0.70;

    /// <summary>Per-buyer return rate range for clean leads; invalid and duplicate leads are returned more often on top.</summary>
    [Range(0.0, 1.0)]
    public double ReturnRateMin { get; set; } = 0.015;

    [Range(0.0, 1.0)]
    public double ReturnRateMax { get; set; } = 0.045;

    /// <summary>Share of contacted leads that later convert.</summary>
    [Range(0.0, 1.0)]
    public double ConversionRate { get; set; } = 0.15;

    /// <summary>Share of events replaced by bad input (malformed JSON, bad ids, missing fields, future times).</summary>
    [Range(0.0, 1.0)]
    public double BadInputFraction { get; set; }

    /// <summary>Scripted incidents, relative to the generator's start. Null means <see cref="IncidentScript.Default"/>; empty means none.</summary>
    public IList<IncidentSpec>? Incidents { get; set; }
}
