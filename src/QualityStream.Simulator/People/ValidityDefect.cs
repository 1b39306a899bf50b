namespace QualityStream.Simulator.People;

/// <summary>Why a simulated lead fails the contract's validity checks (docs/contract.md §3), or <see cref="None"/>.</summary>
public enum ValidityDefect
{
    None,
    InvalidPhone,
    InvalidEmail,
    MissingContact,
    MissingName,
    InvalidPostalCode,
}
