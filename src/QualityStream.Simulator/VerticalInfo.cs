namespace QualityStream.Simulator;

internal sealed record VerticalInfo(string Name, string ShortName, double MinPrice, double MaxPrice);
