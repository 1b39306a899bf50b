using System.Diagnostics;

namespace QualityStream.Worker.Tests.Hosting;

/// <summary>The worker as an operator runs it: its own process, its exit code and what it printed.</summary>
internal static class WorkerProcess
{
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "QualityStream.Worker.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing from the developer's environment may decide the outcome.
        start.Environment.Remove("Kafka__BootstrapServers");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the worker did not exit within {timeout.TotalSeconds} s; it printed:\n{await output}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
