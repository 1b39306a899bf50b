namespace QualityStream.Simulator.People;

/// <summary>A US area code with its state and the first three ZIP digits of a city it serves, so a lead's phone, state and postal code agree.</summary>
internal sealed record AreaCode(string Code, string State, string ZipPrefix);
