using QualityStream.Core.Inspection;

namespace QualityStream.Core.Tests.Inspection;

public class EmailSyntaxTests
{
    [Theory]
    [InlineData("ana@example.com")]
    [InlineData("ana.diaz+leads@mail.example.co.uk")]
    [InlineData("o'brien@example.ie")]
    [InlineData("x@xn--bcher-kva.example")]
    [InlineData("a!#$%&'*+-/=?^_`{|}~@example.com")]
    [InlineData("ana@a-b.example")]
    public void IsValid_DotAtomAtHostName_IsTrue(string email) => Assert.True(EmailSyntax.IsValid(email));

    [Theory]
    [InlineData("")]
    [InlineData("ana")]
    [InlineData("@example.com")]
    [InlineData("ana@")]
    [InlineData("ana@example")]
    [InlineData("ana@@example.com")]
    [InlineData("ana@b@example.com")]
    [InlineData(".ana@example.com")]
    [InlineData("ana.@example.com")]
    [InlineData("an..a@example.com")]
    [InlineData("ana diaz@example.com")]
    [InlineData("\"ana diaz\"@example.com")]
    [InlineData("Ana <ana@example.com>")]
    [InlineData("ana@-example.com")]
    [InlineData("ana@example-.com")]
    [InlineData("ana@example..com")]
    [InlineData("ana@example.com.")]
    [InlineData("ana@exa_mple.com")]
    [InlineData("ana@192.168.0.1")]
    [InlineData("ana@[192.168.0.1]")]
    [InlineData("anä@example.com")]
    [InlineData("ana@bücher.example")]
    public void IsValid_AnythingElse_IsFalse(string email) => Assert.False(EmailSyntax.IsValid(email));

    [Fact]
    public void IsValid_LocalPartOver64_IsFalse()
    {
        Assert.True(EmailSyntax.IsValid(new string('a', 64) + "@example.com"));
        Assert.False(EmailSyntax.IsValid(new string('a', 65) + "@example.com"));
    }

    [Fact]
    public void IsValid_LabelOver63_IsFalse()
    {
        Assert.True(EmailSyntax.IsValid("a@" + new string('b', 63) + ".com"));
        Assert.False(EmailSyntax.IsValid("a@" + new string('b', 64) + ".com"));
    }

    [Fact]
    public void IsValid_AddressOver254_IsFalse()
    {
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 60), 4)) + ".com";
        var local = new string('a', 254 - 1 - domain.Length);

        Assert.True(EmailSyntax.IsValid(local + "@" + domain));
        Assert.False(EmailSyntax.IsValid(local + "a@" + domain));
    }
}
