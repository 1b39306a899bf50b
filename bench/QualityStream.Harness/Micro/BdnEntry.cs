namespace QualityStream.Harness.Micro;

/// <summary>One benchmark case: its result-line key, display name, mean and allocation per operation.</summary>
public sealed record BdnEntry(string Key, string Name, double MeanNs, double? AllocatedBytes);
