namespace QualityStream.Core.Thresholds;

/// <summary>The threshold a cell uses and the scope it came from (e.g. <c>buyer:acme-auto</c>, or <c>default</c>).</summary>
public sealed record ResolvedThreshold(Threshold Threshold, string Scope);
