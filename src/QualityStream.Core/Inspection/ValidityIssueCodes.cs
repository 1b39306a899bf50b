namespace QualityStream.Core.Inspection;

/// <summary>The contract's names of the validity checks (docs/contract.md §3), in the order of their bits.</summary>
public static class ValidityIssueCodes
{
    /// <summary>Index i names bit 1 &lt;&lt; i of <see cref="ValidityIssues"/>.</summary>
    public static IReadOnlyList<string> All { get; } = ["invalid_phone", "invalid_email", "missing_contact", "missing_name", "invalid_postal_code"];
}
