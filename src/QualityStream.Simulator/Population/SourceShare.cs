namespace QualityStream.Simulator.Population;

/// <summary>The share of a buyer's leads that come from one source.</summary>
public sealed record SourceShare(string SourceId, double Share);
