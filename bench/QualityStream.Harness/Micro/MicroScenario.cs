using System.Diagnostics;
using System.Runtime;
using QualityStream.Harness.Cli;

namespace QualityStream.Harness.Micro;

/// <summary>
/// The BenchmarkDotNet project's benchmarks (engine update, decode, inspect, threshold resolution, duplicate index),
/// built from the working tree into a temporary folder and run in this process, plus the snapshot timing that the
/// project does not have. Run it with DOTNET_gcServer=0: the benchmark project itself uses the workstation GC.
/// </summary>
public static class MicroScenario
{
    public static ResultLine Run(HarnessArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Console.WriteLine($"micro: {Machine.Describe()}");
        if (GCSettings.IsServerGC)
        {
            Console.WriteLine("note: server GC; the benchmark project runs with the workstation GC (bench/run sets DOTNET_gcServer=0)");
        }

        var repo = args.Text("repo") ?? FindRepository();
        var work = Path.Combine(Path.GetTempPath(), "qs-harness-micro");
        Build(Path.Combine(repo, "bench", "QualityStream.Bench", "QualityStream.Bench.csproj"), Path.Combine(work, "build"));
        var artifacts = Path.Combine(work, "bdn");
        if (Directory.Exists(artifacts))
        {
            Directory.Delete(artifacts, recursive: true);
        }

        var entries = BdnRunner.Run(Path.Combine(work, "build", "bin", "QualityStream.Bench", "release", "QualityStream.Bench.dll"), artifacts, args.Text("only"));
        var snapshot = SnapshotTiming.Measure();
        Console.WriteLine();
        Console.WriteLine($"{"benchmark",-70} {"mean",14} {"allocated",12}");
        var line = new ResultLine("micro");
        foreach (var e in entries)
        {
            Console.WriteLine($"{e.Name,-70} {Format(e.MeanNs),14} {(e.AllocatedBytes is { } b ? $"{b:N0} B" : "-"),12}");
            line.Add(e.Key, e.MeanNs, 1);
        }

        Console.WriteLine($"snapshot of {snapshot.Cells:N0} cells: {snapshot.SnapshotMs:F1} ms; with JSON ({snapshot.JsonMegabytes:F1} MB) {snapshot.JsonMs:F1} ms; one buyer's {snapshot.BuyerSnapshotMs:F2} ms");
        Console.WriteLine($"one tick's RatesUpdated with every cell changed: {snapshot.RateUpdates:N0} rate updates, {snapshot.RateUpdatesMegabytes:F1} MB of JSON");
        Console.WriteLine($"/metrics scrape with the default cap: per-cell series refreshed in {snapshot.RefreshMs:F1} ms, whole scrape {snapshot.ScrapeMs:F1} ms ({snapshot.ScrapeMegabytes:F1} MB of text); one 256-cell slice {snapshot.SliceMs:F2} ms");
        Console.WriteLine($"BenchmarkDotNet reports: {Path.Combine(artifacts, "results")}");
        return line.Add("snapshot_ms", snapshot.SnapshotMs, 2).Add("snapshot_json_ms", snapshot.JsonMs, 2).Add("snapshot_json_mb", snapshot.JsonMegabytes, 2)
            .Add("snapshot_buyer_ms", snapshot.BuyerSnapshotMs, 3).Add("cells", snapshot.Cells)
            .Add("rate_updates_per_tick", snapshot.RateUpdates).Add("rate_updates_mb", snapshot.RateUpdatesMegabytes, 2)
            .Add("scrape_refresh_ms", snapshot.RefreshMs, 2).Add("scrape_ms", snapshot.ScrapeMs, 2).Add("scrape_mb", snapshot.ScrapeMegabytes, 2).Add("slice_ms", snapshot.SliceMs, 3)
            .Add("gc", GCSettings.IsServerGC ? "server" : "workstation").Add("load1", Machine.LoadAverage(), 2);
    }

    private static string Format(double ns) => ns switch
    {
        >= 1e6 => $"{ns / 1e6:F2} ms",
        >= 1e3 => $"{ns / 1e3:F2} us",
        _ => $"{ns:F1} ns",
    };

    /// <summary>A build of its own (bin and obj under <paramref name="output"/>), so it never touches the project's folders.</summary>
    private static void Build(string project, string output)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var a in new[] { "build", project, "-c", "Release", "--artifacts-path", output, "-nologo", "-v", "q" })
        {
            start.ArgumentList.Add(a);
        }

        using var build = Process.Start(start) ?? throw new InvalidOperationException("dotnet build did not start");
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"building {project} failed (exit {build.ExitCode}); is someone mid-edit? retry in a minute");
        }
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QualityStream.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("QualityStream.sln not found above the harness; pass --repo");
    }
}
