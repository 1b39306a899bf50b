using System.Text.Json;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace QualityStream.Simulator.Tests;

/// <summary>The contract's id rule and validity checks (docs/contract.md §1, §3), written independently of the simulator.</summary>
internal static partial class Checks
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    public static partial Regex Id();

    [GeneratedRegex("^[0-9]{5}(-[0-9]{4})?$")]
    private static partial Regex UsPostalCode();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();

    public static bool IsValidUsPhone(string phone)
    {
        try
        {
            return Phones.IsValidNumber(Phones.Parse(phone, "US"));
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    public static bool IsValidLead(JsonElement delivery)
    {
        var consumer = delivery.GetProperty("consumer");
        var phone = Text(consumer, "phone");
        var email = Text(consumer, "email");
        var contactOk = phone is not null ? IsValidUsPhone(phone) : email is not null && Email().IsMatch(email);
        var namesOk = !string.IsNullOrWhiteSpace(Text(consumer, "firstName")) && !string.IsNullOrWhiteSpace(Text(consumer, "lastName"));
        var postal = Text(consumer, "postalCode");
        return contactOk && namesOk && postal is not null && UsPostalCode().IsMatch(postal);
    }

    public static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
