using System.Globalization;
using System.Runtime;

namespace QualityStream.Harness.Cli;

/// <summary>What the machine was doing while a scenario ran: results on a shared 2-core box are only as good as this.</summary>
public static class Machine
{
    /// <summary>The 1-minute load average (from /proc/loadavg), or -1 where it is not available.</summary>
    public static double LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    public static string Describe() =>
        $"cores={Environment.ProcessorCount} load1={LoadAverage().ToString("F2", CultureInfo.InvariantCulture)} " +
        $"gc={(GCSettings.IsServerGC ? "server" : "workstation")} runtime={Environment.Version}";
}
