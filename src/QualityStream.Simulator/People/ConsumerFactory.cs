using System.Globalization;

namespace QualityStream.Simulator.People;

/// <summary>
/// Makes consumers with a consistent phone, state and ZIP. Valid phones are real US numbering (assigned area
/// code, exchange 2–9 and neither N11 nor 555); defective leads carry the kinds of errors lead forms really produce.
/// </summary>
internal sealed class ConsumerFactory(Random random)
{
    private static readonly string[] Domains = ["example.com", "example.net", "example.org", "mail.example.com"];

    public SimConsumer Create(ValidityDefect defect)
    {
        var area = random.Pick(AreaCodes.All);
        var first = random.Pick(Names.First);
        var last = random.Pick(Names.Last);
        var email = Email(first, last);
        // A few honest leads come from email-only forms.
        var phone = defect == ValidityDefect.None && random.Chance(0.03) ? null : ValidPhone(area.Code);
        var postal = area.ZipPrefix + random.Next(0, 100).ToString("00", CultureInfo.InvariantCulture);
        return defect switch
        {
            ValidityDefect.InvalidPhone => new(first, last, InvalidPhone(area.Code), email, postal, area.State, defect),
            ValidityDefect.InvalidEmail => new(first, last, null, InvalidEmail(first, last), postal, area.State, defect),
            ValidityDefect.MissingContact => new(first, last, null, null, postal, area.State, defect),
            ValidityDefect.MissingName => random.Chance(0.5)
                ? new(null, last, phone, email, postal, area.State, defect)
                : new(first, "", phone, email, postal, area.State, defect),
            ValidityDefect.InvalidPostalCode => new(first, last, phone, email, InvalidPostal(postal), area.State, defect),
            _ => new(first, last, phone, email, postal, area.State, defect),
        };
    }

    public ValidityDefect PickDefect()
    {
        var x = random.NextDouble();
        return x switch
        {
            < 0.60 => ValidityDefect.InvalidPhone,
            < 0.72 => ValidityDefect.MissingName,
            < 0.85 => ValidityDefect.InvalidPostalCode,
            < 0.95 => ValidityDefect.InvalidEmail,
            _ => ValidityDefect.MissingContact,
        };
    }

    private string ValidPhone(string areaCode)
    {
        int exchange;
        do
        {
            exchange = random.Next(200, 1000);
        }
        while (exchange % 100 == 11 || exchange == 555);

        return string.Create(CultureInfo.InvariantCulture, $"+1{areaCode}{exchange}{random.Next(0, 10000):0000}");
    }

    private string InvalidPhone(string areaCode) => random.Next(5) switch
    {
        // Exchange starting with 0 or 1: never assigned.
        0 => string.Create(CultureInfo.InvariantCulture, $"+1{areaCode}{random.Next(0, 200):000}{random.Next(0, 10000):0000}"),
        // A digit lost in typing.
        1 => string.Create(CultureInfo.InvariantCulture, $"+1{areaCode}{random.Next(200, 1000)}{random.Next(0, 1000):000}"),
        // Area code that cannot exist (starts with 1).
        2 => string.Create(CultureInfo.InvariantCulture, $"+11{random.Next(0, 100):00}{random.Next(200, 1000)}{random.Next(0, 10000):0000}"),
        3 => "+10000000000",
        _ => random.Pick(["n/a", "none", "123", "call me"]),
    };

    private string Email(string first, string last)
    {
        var user = random.Next(3) switch
        {
            0 => $"{first}.{last}{random.Next(1, 10000)}",
            1 => $"{first[0]}{last}{random.Next(10, 100000)}",
            _ => $"{first}{last[0]}{random.Next(1950, 2007)}.{random.Next(1, 1000)}",
        };
        return $"{user.ToLowerInvariant()}@{random.Pick(Domains)}";
    }

    private string InvalidEmail(string first, string last) => random.Next(3) switch
    {
        0 => $"{first}.{last}@".ToLowerInvariant(),
        1 => $"{first}.{last}.example.com".ToLowerInvariant(),
        _ => $"{first} {last}@example.com",
    };

    private string InvalidPostal(string postal) => random.Next(3) switch
    {
        0 => postal[..4],
        1 => "ABCDE",
        _ => postal + "0",
    };
}
