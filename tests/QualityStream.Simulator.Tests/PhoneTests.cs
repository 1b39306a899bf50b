using QualityStream.Simulator.People;

namespace QualityStream.Simulator.Tests;

public sealed class PhoneTests
{
    [Fact]
    public void CleanConsumers_AlwaysHaveLibphonenumberValidUsPhones()
    {
        var factory = new ConsumerFactory(new Random(1));

        var phones = Enumerable.Range(0, 5000).Select(_ => factory.Create(ValidityDefect.None).Phone).OfType<string>().ToList();

        Assert.True(phones.Count > 4700);
        Assert.All(phones, p => Assert.True(Checks.IsValidUsPhone(p), p));
    }

    [Fact]
    public void InvalidPhoneConsumers_AreNeverValidToLibphonenumber()
    {
        var factory = new ConsumerFactory(new Random(2));

        var phones = Enumerable.Range(0, 5000).Select(_ => factory.Create(ValidityDefect.InvalidPhone).Phone!).ToList();

        Assert.All(phones, p => Assert.False(Checks.IsValidUsPhone(p), p));
    }

    [Theory]
    [InlineData(ValidityDefect.InvalidEmail)]
    [InlineData(ValidityDefect.MissingContact)]
    [InlineData(ValidityDefect.MissingName)]
    [InlineData(ValidityDefect.InvalidPostalCode)]
    public void EveryDefect_FailsTheContractChecks(ValidityDefect defect)
    {
        var factory = new ConsumerFactory(new Random(3));
        var options = new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase };

        for (var i = 0; i < 500; i++)
        {
            var consumer = factory.Create(defect);
            var json = System.Text.Json.JsonSerializer.SerializeToElement(new { consumer }, options);
            Assert.False(Checks.IsValidLead(json), $"{defect}: {json}");
        }
    }
}
