using PhoneNumbers;
using QualityStream.Core.Inspection;

namespace QualityStream.Core.Tests.Inspection;

/// <summary>
/// The inspector's shortcuts around libphonenumber must give libphonenumber's own answers; these pin them
/// against the plain calls, so a library upgrade that changes the internals they rest on fails here.
/// </summary>
public class PhoneValidityTests
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static TheoryData<string> Regions() => ExampleNumbers.Regions(Phones);

    [Theory]
    [MemberData(nameof(Regions))]
    public void IsValidNumber_ExampleNumbersAndNearMisses_AgreeWithLibphonenumber(string region)
    {
        var checkedNumbers = 0;
        foreach (var number in ExampleNumbers.AndNearMisses(Phones, region))
        {
            Assert.Equal(Phones.IsValidNumber(number), PhoneValidity.IsValidNumber(Phones, number));
            checkedNumbers++;
        }

        Assert.True(checkedNumbers > 0 || Phones.GetExampleNumber(region) is null);
    }

    [Fact]
    public void IsValidNumber_NonGeographicNumbersAndUnknownCallingCodes_AgreeWithLibphonenumber()
    {
        foreach (var callingCode in Phones.GetSupportedGlobalNetworkCallingCodes())
        {
            var example = Phones.GetExampleNumberForNonGeoEntity(callingCode);
            Assert.NotNull(example);
            Assert.Equal(Phones.IsValidNumber(example), PhoneValidity.IsValidNumber(Phones, example));
        }

        var unknown = new PhoneNumber.Builder().SetCountryCode(999).SetNationalNumber(5125550143).Build();
        Assert.Equal(Phones.IsValidNumber(unknown), PhoneValidity.IsValidNumber(Phones, unknown));
    }

    [Theory]
    [InlineData("+1 268 464 1234", "US")] // Antigua: a +1 number outside the main region
    [InlineData("+1 204 234 5678", "US")] // Canada
    [InlineData("+7 701 123 4567", "RU")] // Kazakhstan shares +7
    [InlineData("07400 123456", "GB")]
    [InlineData("01624 756789", "GB")] // Isle of Man shares +44
    public void IsValidNumber_SharedCallingCodes_AgreeWithLibphonenumber(string phone, string region)
    {
        var number = Phones.Parse(phone, region);

        Assert.Equal(Phones.IsValidNumber(number), PhoneValidity.IsValidNumber(Phones, number));
    }

    [Theory]
    [InlineData("")]
    [InlineData("n/a")]
    [InlineData("none given")]
    [InlineData("+")]
    [InlineData("+1")]
    [InlineData("5")]
    [InlineData("tel:5;phone-context=+x")]
    [InlineData("x 1 y")]
    [InlineData("٣")] // one Arabic-Indic digit
    public void MayParse_FewerThanTwoDigits_IsFalseAndParseThrows(string phone)
    {
        Assert.False(PhoneValidity.MayParse(phone));
        Assert.Throws<NumberParseException>(() => Phones.Parse(phone, "US"));
    }

    [Theory]
    [InlineData("12")]
    [InlineData("٣٤")]
    [InlineData("+1 512 555 0143")]
    [InlineData("1-800-FLOWERS")]
    public void MayParse_TwoOrMoreDigits_IsTrue(string phone) => Assert.True(PhoneValidity.MayParse(phone));
}
