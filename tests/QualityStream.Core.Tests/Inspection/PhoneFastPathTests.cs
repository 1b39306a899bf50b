using System.Globalization;
using System.Text;
using PhoneNumbers;
using QualityStream.Core.Inspection;

namespace QualityStream.Core.Tests.Inspection;

/// <summary>
/// The inspector answers "+1 and ten digits" without Parse (<see cref="NanpE164"/>), and the validity of every
/// +1 number with a ten-digit national significant number without libphonenumber's interpreted patterns
/// (<see cref="NanpValidity"/>).
/// Every answer must be the plain libphonenumber path's: Parse, IsValidNumber, then the parsed number's
/// fingerprint. Each case also checks the pieces: the number Parse builds, its validity and its fingerprint.
/// </summary>
public class PhoneFastPathTests
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private static readonly NanpValidity Nanp = new(Phones);

    private readonly LeadInspector _inspector = new();

    public static TheoryData<string> Regions() => ExampleNumbers.Regions(Phones);

    [Theory]
    [MemberData(nameof(Regions))]
    public void Inspect_ExampleNumbersAndNearMissesInEveryFormat_AgreesWithPlainLibphonenumber(string region)
    {
        foreach (var number in ExampleNumbers.AndNearMisses(Phones, region))
        {
            foreach (var format in new[] { PhoneNumberFormat.E164, PhoneNumberFormat.NATIONAL, PhoneNumberFormat.INTERNATIONAL })
            {
                var text = Phones.Format(number, format);
                AssertAgrees(text, region);
                AssertAgrees(text, "US");
            }
        }
    }

    [Fact]
    public void Inspect_EveryAreaCodeAndExchangePrefix_AgreesWithPlainLibphonenumber()
    {
        var random = new Random(20261124);
        var answers = new HashSet<bool?>();
        for (var area = 200; area <= 999; area++)
        {
            for (var exchange = 0; exchange < 100; exchange++)
            {
                var line = random.Next(100_000);
                var phone = string.Create(CultureInfo.InvariantCulture, $"+1{area}{exchange:D2}{line:D5}");
                AssertAgrees(phone, "US");
                AssertAgrees(string.Create(CultureInfo.InvariantCulture, $"({area}) {exchange:D2}{line / 10_000}-{line % 10_000:D4}"), "US");
                answers.Add(Nanp.IsValid(phone.AsSpan(2)));
            }
        }

        // The sample reaches all three answers: valid, invalid and "ask libphonenumber".
        Assert.Equal(3, answers.Count);
    }

    [Fact]
    public void Inspect_RandomPlusOneStrings_AgreeWithPlainLibphonenumber()
    {
        string[] regions = ["US", "CA", "GB", "DE", "JM", "ZZ"];
        string[] noise = [" ", "-", "(", ")", ".", "x", "a", "O", "#", ";", "/", "+", "٣", "０", "\u00A0"];
        var random = new Random(4242);
        var text = new StringBuilder();
        for (var i = 0; i < 50_000; i++)
        {
            text.Clear().Append("+1");
            var digits = random.Next(12) < 8 ? 10 : random.Next(7, 14);
            for (var d = 0; d < digits; d++)
            {
                text.Append((char)('0' + random.Next(10)));
            }

            if (random.Next(4) == 0)
            {
                text.Insert(random.Next(text.Length + 1), noise[random.Next(noise.Length)]);
            }

            AssertAgrees(text.ToString(), regions[random.Next(regions.Length)]);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("+1")]
    [InlineData("+15125550143")]
    [InlineData("+1512555014")] // a digit short
    [InlineData("+151255501430")] // a digit long
    [InlineData("+11125550143")] // NANP's national prefix first
    [InlineData("+10125550143")] // leading zero
    [InlineData("+15120550143")] // exchange starting 0
    [InlineData("+15121550143")] // exchange starting 1
    [InlineData("+18005550143")] // toll free
    [InlineData("+19005550143")] // premium rate
    [InlineData("+12042345678")] // Canada
    [InlineData("+12684641234")] // Antigua: chosen by leading digits
    [InlineData("+18092345678")] // Dominican Republic
    [InlineData("+16582345678")] // Jamaica's second area code
    [InlineData("+1 512 555 0143")]
    [InlineData("+1-512-555-0143")]
    [InlineData("+1 (512) 555-0143")]
    [InlineData("(512) 555-0143")]
    [InlineData("5125550143")]
    [InlineData("15125550143")]
    [InlineData("0015125550143")]
    [InlineData("01115125550143")]
    [InlineData("+15125550143 x12")]
    [InlineData("+15125550143 ext. 12")]
    [InlineData("+15125550143;ext=12")]
    [InlineData("+15125550143#")]
    [InlineData("tel:+15125550143")]
    [InlineData("+1512555O143")] // letter O
    [InlineData("+1512FLOWERS")]
    [InlineData(" +15125550143")]
    [InlineData("+15125550143 ")]
    [InlineData("+15125550143\n")]
    [InlineData("++15125550143")]
    [InlineData("＋15125550143")] // full-width plus
    [InlineData("+1５１２５５５０１４３")] // full-width digits
    [InlineData("+1٥١٢٥٥٥٠١٤٣")] // Arabic-Indic digits
    [InlineData("+44 20 7946 0958")]
    [InlineData("+7 701 123 4567")]
    [InlineData("n/a")]
    public void Inspect_EdgeCases_AgreeWithPlainLibphonenumber(string phone)
    {
        foreach (var region in new[] { "US", "CA", "GB", "ZZ" })
        {
            AssertAgrees(phone, region);
        }
    }

    [Theory]
    [InlineData("2684641234")] // Antigua
    [InlineData("8092345678")] // Dominican Republic
    [InlineData("8762345678")] // Jamaica
    public void IsValid_RegionChosenByLeadingDigits_LeavesItToLibphonenumber(string nationalNumber) =>
        Assert.Null(Nanp.IsValid(nationalNumber));

    [Theory]
    [InlineData("+15125550143")]
    [InlineData("+12042345678")]
    public void TryGetNationalNumber_PlainE164_IsTheTenDigits(string phone)
    {
        Assert.True(NanpE164.TryGetNationalNumber(phone, out var nationalNumber));
        Assert.Equal(phone[2..], nationalNumber.ToString());
    }

    /// <summary>The plain path: what the inspector did before the fast path.</summary>
    private static ulong PlainFingerprint(string phone, string region)
    {
        try
        {
            var number = Phones.Parse(phone, region);
            return Phones.IsValidNumber(number) ? Fingerprints.Phone(number) : 0;
        }
        catch (NumberParseException)
        {
            return 0;
        }
    }

    private static PhoneNumber? Parsed(string phone, string region)
    {
        try
        {
            return Phones.Parse(phone, region);
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    private void AssertAgrees(string phone, string region)
    {
        var inspected = _inspector.Inspect(Leads.With(Leads.Ana with { Phone = phone, Country = region })).PhoneFingerprint;
        Assert.True(PlainFingerprint(phone, region) == inspected, $"fingerprint of '{phone}' in {region}");

        if (Parsed(phone, region) is { CountryCode: 1 } number
            && Phones.GetNationalSignificantNumber(number) is { Length: NanpE164.NationalLength } significant)
        {
            Assert.True(Nanp.IsValid(significant) is not { } valid || valid == Phones.IsValidNumber(number), $"validity of parsed '{phone}' in {region}");
        }

        if (NanpE164.TryGetNationalNumber(phone, out var nationalNumber))
        {
            var parsed = Phones.Parse(phone, region);
            var built = new PhoneNumber.Builder().SetCountryCode(1).SetNationalNumber(ulong.Parse(nationalNumber, CultureInfo.InvariantCulture)).Build();
            Assert.True(built.Equals(parsed), $"number of '{phone}' in {region}");
            Assert.True(Nanp.IsValid(nationalNumber) is not { } valid || valid == Phones.IsValidNumber(parsed), $"validity of '{phone}'");
            Assert.Equal(Fingerprints.Phone(parsed), Fingerprints.PhoneE164(phone));
        }
    }
}
