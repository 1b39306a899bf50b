using QualityStream.Core.Inspection;

namespace QualityStream.Core.Tests.Inspection;

public class PostalCodesTests
{
    [Theory]
    [InlineData("US", "78701")]
    [InlineData("US", "78701-1234")]
    [InlineData("US", " 78701 ")]
    [InlineData("CA", "M5V 2T6")]
    [InlineData("CA", "K1A0B1")]
    [InlineData("GB", "SW1A 1AA")]
    [InlineData("GB", "M1 1AE")]
    [InlineData("GB", "B33 8TH")]
    [InlineData("GB", "CR2 6XH")]
    [InlineData("GB", "DN55 1PT")]
    [InlineData("GB", "EC1A1BB")]
    [InlineData("GB", "W1A 0AX")]
    [InlineData("DE", "10115")]
    [InlineData("FR", "75008")]
    [InlineData("AU", "2000")]
    [InlineData("MX", "06600")]
    [InlineData("NL", "1012 AB")]
    [InlineData("JP", "100-0001")]
    [InlineData("IE", "D02")]
    public void IsValid_CountryFormat_IsTrue(string region, string code) => Assert.True(PostalCodes.IsValid(code, region));

    [Theory]
    [InlineData("US", null)]
    [InlineData("US", "")]
    [InlineData("US", "7870")]
    [InlineData("US", "787011")]
    [InlineData("US", "78701-123")]
    [InlineData("US", "7870١")]
    [InlineData("CA", "D5V 2T6")]
    [InlineData("CA", "M5V-2T6")]
    [InlineData("CA", "78701")]
    [InlineData("GB", "SW1A")]
    [InlineData("GB", "Q1 1AA")]
    [InlineData("GB", "78701")]
    [InlineData("DE", "1011")]
    [InlineData("FR", "7500A")]
    [InlineData("AU", "20000")]
    [InlineData("MX", "0660")]
    [InlineData("NL", "1")]
    [InlineData("NL", "12345678901")]
    [InlineData("NL", "-1012")]
    [InlineData("NL", "10_12")]
    public void IsValid_AnythingElse_IsFalse(string region, string? code) => Assert.False(PostalCodes.IsValid(code, region));
}
