using System.IO.Hashing;
using System.Text;
using PhoneNumbers;
using QualityStream.Core.Inspection;

namespace QualityStream.Core.Tests.Inspection;

public class FingerprintsTests
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    [Theory]
    [InlineData("+15125550143", "US")]
    [InlineData("+390236618300", "IT")]
    [InlineData("+2250012345678", "CI")]
    [InlineData("+61 2 9374 4000", "AU")]
    [InlineData("+49 30 901820", "DE")]
    [InlineData("+52 55 1234 5678", "MX")]
    public void Phone_AnyNumber_HashesPrefixedE164(string text, string region)
    {
        var number = Util.Parse(text, region);
        var e164 = Util.Format(number, PhoneNumberFormat.E164);

        Assert.Equal(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes("p:" + e164)), Fingerprints.Phone(number));
    }

    [Fact]
    public void Email_SameAddressAsPhoneDigits_NeverCollidesWithPhone() =>
        Assert.NotEqual(Fingerprints.Email("+15125550143"), Fingerprints.Phone(Util.Parse("+15125550143", "US")));
}
