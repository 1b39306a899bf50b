namespace QualityStream.Simulator.Output;

/// <summary>Kinds of bad input the simulator can emit on request, each meant to be dead-lettered (docs/contract.md §6).</summary>
public enum Corruption
{
    None,
    MalformedJson,
    InvalidId,
    MissingField,
    FutureTimestamp,
}
