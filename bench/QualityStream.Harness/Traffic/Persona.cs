namespace QualityStream.Harness.Traffic;

/// <summary>The fixed parts of a generated consumer; the phone and the email's number are patched per lead.</summary>
internal sealed record Persona(string FirstName, string LastName, string EmailLocal, string PostalCode, string State)
{
    public static readonly Persona[] Valid =
    [
        new("Ana", "Diaz", "ana.diaz", "78701", "TX"),
        new("Mohammed", "Okafor", "m.okafor", "10001", "NY"),
        new("Li", "Wei", "li.wei", "94103", "CA"),
        new("Sarah", "Johnson", "sarahj", "33101", "FL"),
        new("Jose", "Hernandez", "jose.h", "60601", "IL"),
        new("Emily", "Nguyen", "emily.nguyen", "98101", "WA"),
    ];

    /// <summary>Fails the name check (blank last name): one of the contract's validity reasons.</summary>
    public static readonly Persona MissingName = new("Chris", " ", "chris", "85001", "AZ");
}
