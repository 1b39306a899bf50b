namespace QualityStream.Core.Events;

/// <summary>The consumer behind a lead, as delivered. Every field is optional in the schema.</summary>
public sealed record Consumer(
    string? FirstName,
    string? LastName,
    string? Phone,
    string? Email,
    string? PostalCode,
    string? State,
    string? Country);
