using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QualityStream.Worker.Hubs;

namespace QualityStream.Worker.Tests.Hubs;

public sealed class HubOutboxOptionsTests
{
    [Theory]
    [InlineData("Hub:SendTimeoutSeconds", "301")]
    [InlineData("Hub:SendTimeoutSeconds", "0")]
    [InlineData("Hub:MaxQueuedMessages", "0")]
    public void OutOfRangeSetting_IsRefused_NamingTheSetting(string setting, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { [setting] = value }));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSettings_KeepTheDefaults()
    {
        var options = Bind([]);

        Assert.Equal((10_000, 5), (options.MaxQueuedMessages, options.SendTimeoutSeconds));
    }

    private static HubOutboxOptions Bind(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddQualityHub();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<HubOutboxOptions>>().Value;
    }
}
