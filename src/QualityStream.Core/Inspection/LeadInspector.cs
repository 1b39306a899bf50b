using PhoneNumbers;
using QualityStream.Core.Events;

namespace QualityStream.Core.Inspection;

/// <summary>
/// The validity checks of docs/contract.md §3 and the consumer fingerprints for duplicate detection.
/// Stateless apart from libphonenumber's metadata, so one instance can serve every thread.
/// A blank (whitespace-only) phone or email counts as not given.
/// </summary>
public sealed class LeadInspector
{
    // Built once: it compiles libphonenumber's +1 patterns, and inspectors are created per test.
    private static readonly NanpValidity Nanp = new(PhoneNumberUtil.GetInstance());

    private readonly PhoneNumberUtil _phones = PhoneNumberUtil.GetInstance();

    public InspectedLead Inspect(LeadDelivered lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var consumer = lead.Consumer;
        var region = Regions.Canonical(consumer.Country);
        var hasPhone = !string.IsNullOrWhiteSpace(consumer.Phone);
        var hasEmail = !string.IsNullOrWhiteSpace(consumer.Email);
        var phoneFingerprint = hasPhone ? PhoneFingerprint(consumer.Phone!, region) : 0;
        var emailFingerprint = hasEmail && EmailSyntax.IsValid(consumer.Email.AsSpan().Trim()) ? Fingerprints.Email(consumer.Email) : 0;

        var issues = ValidityIssues.None;
        if (hasPhone)
        {
            issues |= phoneFingerprint == 0 ? ValidityIssues.InvalidPhone : ValidityIssues.None;

            // Our reading of the contract: the email only decides validity when no phone is given, but a
            // malformed email beside a phone is still bad data a buyer would return, so it is recorded too.
            issues |= hasEmail && emailFingerprint == 0 ? ValidityIssues.InvalidEmail : ValidityIssues.None;
        }
        else if (hasEmail)
        {
            issues |= emailFingerprint == 0 ? ValidityIssues.InvalidEmail : ValidityIssues.None;
        }
        else
        {
            issues |= ValidityIssues.MissingContact;
        }

        if (string.IsNullOrWhiteSpace(consumer.FirstName) || string.IsNullOrWhiteSpace(consumer.LastName))
        {
            issues |= ValidityIssues.MissingName;
        }

        if (!PostalCodes.IsValid(consumer.PostalCode, region))
        {
            issues |= ValidityIssues.InvalidPostalCode;
        }

        return new InspectedLead(lead, issues, phoneFingerprint, emailFingerprint);
    }

    /// <summary>The phone's fingerprint, or 0 when it does not parse as a valid number for the region.</summary>
    private ulong PhoneFingerprint(string phone, string region)
    {
        // Most leads carry "+1" and ten digits: libphonenumber's answer for those needs neither Parse nor its
        // interpreted patterns (see NanpE164 and NanpValidity). The rest take the plain path.
        if (NanpE164.TryGetNationalNumber(phone, out var nationalNumber) && Nanp.IsValid(nationalNumber) is { } valid)
        {
            return valid ? Fingerprints.PhoneE164(phone) : 0;
        }

        if (!PhoneValidity.MayParse(phone))
        {
            return 0;
        }

        PhoneNumber number;
        try
        {
            number = _phones.Parse(phone, region);
        }
        catch (NumberParseException)
        {
            // libphonenumber has no Try API; only input that passed MayParse but still fails pays for the throw.
            return 0;
        }

        return IsValidNumber(number) ? Fingerprints.Phone(number) : 0;
    }

    /// <summary>Parsed +1 numbers (national format, spaces, an extension) skip the interpreted patterns too.</summary>
    private bool IsValidNumber(PhoneNumber number) =>
        number.CountryCode == NanpValidity.CallingCode
        && _phones.GetNationalSignificantNumber(number) is { Length: NanpE164.NationalLength } nationalNumber
        && Nanp.IsValid(nationalNumber) is { } valid
            ? valid
            : PhoneValidity.IsValidNumber(_phones, number);
}
