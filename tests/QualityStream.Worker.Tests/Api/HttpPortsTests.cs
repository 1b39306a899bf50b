using Microsoft.Extensions.Configuration;
using QualityStream.Worker.Settings;

namespace QualityStream.Worker.Tests.Api;

public sealed class HttpPortsTests
{
    [Theory]
    [InlineData("0", "Http:ManagementPort: must be 1..65535; got 0")]
    [InlineData("65536", "Http:ManagementPort: must be 1..65535; got 65536")]
    [InlineData("8080", "Http:ManagementPort: must differ from Http:Port; both are 8080")]
    [InlineData("metrics", "Http:ManagementPort: 'metrics' is not a port number")]
    public void InvalidManagementPort_StopsStartUp_NamingTheSetting(string managementPort, string message)
    {
        var settings = new Dictionary<string, string?> { ["Http:Port"] = "8080", ["Http:ManagementPort"] = managementPort };

        var refused = Assert.Throws<InvalidSettingException>(() => WorkerHost.Build([], c => c.AddInMemoryCollection(settings)));

        Assert.Equal(message, refused.Message);
    }
}
