using System.Diagnostics;
using QualityStream.Harness.Cli;

namespace QualityStream.Harness.Infrastructure;

/// <summary>
/// The child side of <see cref="WorkerChild"/> (scenario <c>worker-child</c>): hosts the worker, publishes its event
/// count and its collector's figures to the progress file every millisecond, prints <c>ready</c> with its public and
/// management addresses, and stops when its standard input closes.
/// </summary>
public static class WorkerChildHost
{
    public static async Task RunAsync(HarnessArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var topics = new BenchTopics(Required(args, "topics"), args.Whole("partitions", 12));
        await using var worker = await InProcessWorker.StartAsync(Required(args, "kafka"), Required(args, "redis"), topics, Required(args, "prefix"),
            args.Whole("expected-leads-per-day", 0));
        using var progress = ProgressFile.Open(Required(args, "progress"));
        using var gc = new GcWatcher(progress.WriteGc, ownThread: false);
        using var allocations = AllocationSampler.FromEnvironment();
        using var report = allocations is null ? null
            : new Timer(_ => Console.Error.WriteLine($"allocations sampled in the last 10 s:{Environment.NewLine}{allocations.TakeReport()}"), null, 10_000, 10_000);
        using var stop = new CancellationTokenSource();
        var publisher = new Thread(() =>
        {
            var last = -1L;
            while (!stop.IsCancellationRequested)
            {
                var total = worker.Events.Total();
                if (total != last)
                {
                    progress.Write(Stopwatch.GetTimestamp(), total);
                    last = total;
                }

                gc.Poll();
                Thread.Sleep(1);
            }
        }) { IsBackground = true, Name = "progress" };
        publisher.Start();
        Console.WriteLine($"ready {worker.BaseAddress} {worker.ManagementAddress}");
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        await stop.CancelAsync();
        publisher.Join();
    }

    private static string Required(HarnessArgs args, string name) =>
        args.Text(name) ?? throw new ArgumentException($"worker-child needs --{name}");
}
