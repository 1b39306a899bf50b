using System.Diagnostics;

namespace QualityStream.Deploy.Tests;

/// <summary>Runs a command-line tool (kubectl, promtool). In CI a missing tool fails the test instead of passing it.</summary>
public static class ExternalTool
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The tool's path, or null outside CI when it is not installed (the caller then returns early).</summary>
    public static string? Require(string name)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
        if (path is null && InCi)
        {
            Assert.Fail($"{name} is not installed; CI needs it (see .ci/install).");
        }

        return path;
    }

    public static ToolResult Run(string path, params string[] args)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {path}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{path} {string.Join(' ', args)} did not finish in 2 minutes");
        }

        return new ToolResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
