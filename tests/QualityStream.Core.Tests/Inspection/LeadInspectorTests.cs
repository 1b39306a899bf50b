using System.IO.Hashing;
using System.Text;
using QualityStream.Core.Inspection;

namespace QualityStream.Core.Tests.Inspection;

public class LeadInspectorTests
{
    private readonly LeadInspector _inspector = new();

    private ValidityIssues Issues(Events.Consumer consumer) => _inspector.Inspect(Leads.With(consumer)).Issues;

    private static ulong Hash(string text) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Inspect_ContractExample_IsValidWithBothFingerprints()
    {
        var inspected = _inspector.Inspect(Leads.With(Leads.Ana));

        Assert.True(inspected.IsValid);
        Assert.Equal(Hash("p:+15125550143"), inspected.PhoneFingerprint);
        Assert.Equal(Hash("e:ana@example.com"), inspected.EmailFingerprint);
    }

    [Theory]
    [InlineData("555-0143")]
    [InlineData("+1 512 555")]
    [InlineData("not a phone")]
    [InlineData("+1 000 555 0143")]
    [InlineData("+44 1234")]
    public void Inspect_PhoneNotValidForCountry_IsInvalidPhoneWithoutFingerprint(string phone)
    {
        var inspected = _inspector.Inspect(Leads.With(Leads.Ana with { Phone = phone }));

        Assert.Equal(ValidityIssues.InvalidPhone, inspected.Issues);
        Assert.Equal(0UL, inspected.PhoneFingerprint);
    }

    [Fact]
    public void Inspect_InvalidPhoneWithValidEmail_IsStillInvalidPhone() =>
        Assert.Equal(ValidityIssues.InvalidPhone, Issues(Leads.Ana with { Phone = "12" }));

    [Fact]
    public void Inspect_NoPhoneAndValidEmail_IsValid() =>
        Assert.Equal(ValidityIssues.None, Issues(Leads.Ana with { Phone = null }));

    [Fact]
    public void Inspect_NoPhoneAndInvalidEmail_IsInvalidEmail() =>
        Assert.Equal(ValidityIssues.InvalidEmail, Issues(Leads.Ana with { Phone = " ", Email = "ana@example" }));

    [Fact]
    public void Inspect_ValidPhoneAndInvalidEmail_RecordsInvalidEmailToo() =>
        Assert.Equal(ValidityIssues.InvalidEmail, Issues(Leads.Ana with { Email = "ana at example.com" }));

    [Fact]
    public void Inspect_ValidPhoneAndNoEmail_IsValid() =>
        Assert.Equal(ValidityIssues.None, Issues(Leads.Ana with { Email = null }));

    [Fact]
    public void Inspect_NeitherPhoneNorEmail_IsMissingContact() =>
        Assert.Equal(ValidityIssues.MissingContact, Issues(Leads.Ana with { Phone = "", Email = "  " }));

    [Theory]
    [InlineData(null, "Diaz")]
    [InlineData("Ana", null)]
    [InlineData(" ", "Diaz")]
    [InlineData("Ana", "\t")]
    public void Inspect_FirstOrLastNameBlank_IsMissingName(string? first, string? last) =>
        Assert.Equal(ValidityIssues.MissingName, Issues(Leads.Ana with { FirstName = first, LastName = last }));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("7870")]
    [InlineData("78701-12")]
    public void Inspect_PostalCodeMissingOrMalformed_IsInvalidPostalCode(string? postalCode) =>
        Assert.Equal(ValidityIssues.InvalidPostalCode, Issues(Leads.Ana with { PostalCode = postalCode }));

    [Fact]
    public void Inspect_EveryCheckFailing_RecordsEveryReason() =>
        Assert.Equal(
            ValidityIssues.InvalidPhone | ValidityIssues.InvalidEmail | ValidityIssues.MissingName | ValidityIssues.InvalidPostalCode,
            Issues(new Events.Consumer(null, null, "123", "@", "x", null, null)));

    [Fact]
    public void Inspect_NoCountry_DefaultsToUnitedStates()
    {
        Assert.Equal(ValidityIssues.None, Issues(Leads.Ana with { Country = null, Phone = "(512) 555-0143" }));
        Assert.Equal(ValidityIssues.InvalidPostalCode, Issues(Leads.Ana with { Country = null, PostalCode = "M5V 2T6" }));
    }

    [Fact]
    public void Inspect_CanadianLead_UsesCanadianPhoneAndPostalRules() =>
        Assert.Equal(
            ValidityIssues.None,
            Issues(Leads.Ana with { Country = "ca", Phone = "416 555 0199", PostalCode = "m5v 2t6" }));

    [Fact]
    public void Inspect_BritishLead_UsesNationalPhoneFormat()
    {
        var inspected = _inspector.Inspect(Leads.With(Leads.Ana with { Country = "GB", Phone = "020 7946 0958", PostalCode = "SW1A 1AA" }));

        Assert.True(inspected.IsValid);
        Assert.Equal(Hash("p:+442079460958"), inspected.PhoneFingerprint);
    }

    [Fact]
    public void Inspect_ItalianLeadingZero_FingerprintMatchesE164() =>
        Assert.Equal(
            Hash("p:+390612345678"),
            _inspector.Inspect(Leads.With(Leads.Ana with { Country = "IT", Phone = "06 1234 5678", PostalCode = "00184" })).PhoneFingerprint);

    [Fact]
    public void Inspect_SamePhoneWrittenDifferently_HasOneFingerprint() =>
        Assert.Equal(
            _inspector.Inspect(Leads.With(Leads.Ana)).PhoneFingerprint,
            _inspector.Inspect(Leads.With(Leads.Ana with { Phone = "(512) 555-0143" })).PhoneFingerprint);

    [Fact]
    public void Inspect_EmailCaseAndSpaces_DoNotChangeFingerprint() =>
        Assert.Equal(
            Hash("e:ana@example.com"),
            _inspector.Inspect(Leads.With(Leads.Ana with { Email = "  Ana@Example.COM " })).EmailFingerprint);

    [Fact]
    public void Inspect_InvalidEmail_HasNoFingerprint() =>
        Assert.Equal(0UL, _inspector.Inspect(Leads.With(Leads.Ana with { Email = "ana@@example.com" })).EmailFingerprint);

    [Fact]
    public void Inspect_DifferentBuyers_ShareFingerprints()
    {
        var a = _inspector.Inspect(Leads.With(Leads.Ana, "acme-auto"));
        var b = _inspector.Inspect(Leads.With(Leads.Ana, "zenith"));

        Assert.Equal((a.PhoneFingerprint, a.EmailFingerprint), (b.PhoneFingerprint, b.EmailFingerprint));
    }

    [Fact]
    public void Inspect_Lead_IsCarriedThrough()
    {
        var lead = Leads.With(Leads.Ana);

        Assert.Same(lead, _inspector.Inspect(lead).Lead);
    }
}
