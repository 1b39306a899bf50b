namespace QualityStream.Simulator.People;

/// <summary>The consumer behind a lead as it goes on the wire; null fields are left out of the JSON.</summary>
internal sealed record SimConsumer(
    string? FirstName,
    string? LastName,
    string? Phone,
    string? Email,
    string? PostalCode,
    string State,
    ValidityDefect Defect)
{
    public const string Country = "US";
}
