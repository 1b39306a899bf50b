using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace QualityStream.Harness.Micro;

/// <summary>
/// Runs every benchmark class of a separately built QualityStream.Bench assembly in this process (no per-job project
/// builds, nothing written under bench/QualityStream.Bench). A class that declares its own job keeps it; the others run
/// as ShortRun (3 warm-ups, 3 iterations), which keeps the whole set to a few minutes.
/// </summary>
public static class BdnRunner
{
    public static List<BdnEntry> Run(string benchAssembly, string artifacts, string? only)
    {
        var assembly = Assembly.LoadFrom(benchAssembly);
        var shortRun = Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateEmpty()
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(JsonExporter.FullCompressed, MarkdownExporter.GitHub)
            .AddJob(shortRun)
            .WithArtifactsPath(artifacts);
        var runs = new List<BenchmarkRunInfo>();
        foreach (var type in assembly.GetTypes().Where(IsBenchmarkClass).Where(t => only is null || t.Name.Contains(only, StringComparison.Ordinal)).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var info = BenchmarkConverter.TypeToBenchmarks(type, config);
            var own = info.BenchmarksCases.Where(c => !c.Job.HasValue(InfrastructureMode.ToolchainCharacteristic)).ToArray();
            var cases = own.Length > 0
                ? [.. own.Select(c => BenchmarkCase.Create(c.Descriptor, c.Job.UnfreezeCopy().WithToolchain(InProcessEmitToolchain.Instance), c.Parameters, c.Config))]
                : info.BenchmarksCases;
            runs.Add(new BenchmarkRunInfo(cases, type, info.Config));
        }

        return [.. BenchmarkRunner.Run([.. runs]).SelectMany(s => s.Reports).Where(r => r.ResultStatistics is not null).Select(Describe)];
    }

    private static BdnEntry Describe(BenchmarkReport report)
    {
        var c = report.BenchmarkCase;
        var type = c.Descriptor.Type.Name.Replace("Benchmarks", "", StringComparison.Ordinal);
        var method = c.Descriptor.WorkloadMethod.Name;
        var parameters = string.Concat(c.Parameters.Items.Select(p => $"_{p.Name}_{p.Value}"));
        var allocated = report.GcStats.GetBytesAllocatedPerOperation(c);
        return new BdnEntry(Snake($"{type}_{method}{parameters}") + "_ns", $"{type}.{method}{c.Parameters.DisplayInfo}", report.ResultStatistics!.Mean,
            allocated is null ? null : (double)allocated.Value);
    }

    private static bool IsBenchmarkClass(Type t) =>
        t is { IsClass: true, IsAbstract: false, IsPublic: true } && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null);

    private static string Snake(string name)
    {
        var s = new System.Text.StringBuilder();
        foreach (var ch in name)
        {
            if (char.IsUpper(ch) && s.Length > 0 && s[^1] != '_')
            {
                s.Append('_');
            }

            s.Append(char.IsLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : '_');
        }

        return s.ToString().Replace("__", "_", StringComparison.Ordinal).Trim('_');
    }
}
