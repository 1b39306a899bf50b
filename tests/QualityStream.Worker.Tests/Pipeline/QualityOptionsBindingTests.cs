using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QualityStream.Core.Engine;

namespace QualityStream.Worker.Tests.Pipeline;

public class QualityOptionsBindingTests
{
    [Fact]
    public void ConfiguredWindows_ReplaceTheDefaults_RatherThanAddingToThem()
    {
        var options = Bind(new() { ["Quality:Windows:0"] = "30m", ["Quality:Windows:1"] = "6h" });

        Assert.Equal(["30m", "6h"], options.WindowNames);
    }

    [Fact]
    public void NoConfiguredWindows_KeepTheContractDefaults()
    {
        Assert.Equal(["1h", "24h"], Bind([]).WindowNames);
    }

    [Fact]
    public void ConfiguredReturnWindow_OverridesOneVertical_AndKeepsTheOthers()
    {
        var options = Bind(new() { ["Quality:ReturnWindowDays:legal"] = "3" });

        Assert.Equal((3, 10, 7), (options.ReturnWindowDays["legal"], options.ReturnWindowDays["auto_insurance"], options.ReturnWindowDays["default"]));
    }

    private static QualityEngineOptions Bind(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOptions<QualityEngineOptions>().Bind(config.GetSection(QualityEngineOptions.SectionName));
        return services.BuildServiceProvider().GetRequiredService<IOptions<QualityEngineOptions>>().Value;
    }
}
