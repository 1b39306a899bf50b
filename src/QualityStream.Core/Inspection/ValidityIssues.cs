namespace QualityStream.Core.Inspection;

/// <summary>Failed validity checks of a lead (docs/contract.md §3); <see cref="None"/> means the lead is valid.</summary>
[Flags]
public enum ValidityIssues : byte
{
    None = 0,
    InvalidPhone = 1,
    InvalidEmail = 2,
    MissingContact = 4,
    MissingName = 8,
    InvalidPostalCode = 16,
}
