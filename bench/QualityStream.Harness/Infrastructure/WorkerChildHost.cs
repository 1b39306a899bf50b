using System.Diagnostics;
using QualityStream.Harness.Cli;
using QualityStream.Worker.Pipeline;

namespace QualityStream.Harness.Infrastructure;

/// <summary>
/// The child side of <see cref="WorkerChild"/> (scenario <c>worker-child</c>): hosts the worker, publishes its event
/// count and its collector's figures to the progress file every millisecond (and, if asked, its tasks' positions every
/// ten), prints <c>ready</c> with its public and management addresses and the moment it became ready, and stops when its
/// standard input closes.
/// </summary>
public static class WorkerChildHost
{
    public static async Task RunAsync(HarnessArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var topics = new BenchTopics(Required(args, "topics"), args.Whole("partitions", 12));
        var settings = WorkerSettings.FromArgs(args);
        await using var worker = await InProcessWorker.StartAsync(Required(args, "kafka"), Required(args, "redis"), topics, Required(args, "prefix"), settings);
        using var progress = ProgressFile.Open(Required(args, "progress"));
        using var gc = new GcWatcher(progress.WriteGc, ownThread: false);
        using var allocations = AllocationSampler.FromEnvironment();
        using var report = allocations is null ? null
            : new Timer(_ => Console.Error.WriteLine($"allocations sampled in the last 10 s:{Environment.NewLine}{allocations.TakeReport()}"), null, 10_000, 10_000);
        using var stop = new CancellationTokenSource();
        var publisher = new Thread(() =>
        {
            var last = -1L;
            for (var tick = 0L; !stop.IsCancellationRequested; tick++)
            {
                var total = worker.Events.Total();
                if (total != last)
                {
                    progress.Write(Stopwatch.GetTimestamp(), total);
                    last = total;
                }

                // Every tenth: each read takes the lock the applying thread holds for every event.
                if (settings.PublishPositions && tick % 10 == 0)
                {
                    progress.WritePositions(Positions(worker.Pipeline));
                }

                gc.Poll();
                Thread.Sleep(1);
            }
        }) { IsBackground = true, Name = "progress" };
        publisher.Start();
        Console.WriteLine($"ready {worker.BaseAddress} {worker.ManagementAddress} {worker.ReadyAt}");
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        await stop.CancelAsync();
        publisher.Join();
    }

    private static TaskPositions Positions(QualityPipeline pipeline)
    {
        long position = 0, leads = 0;
        var tasks = 0;
        foreach (var partition in pipeline.Partitions)
        {
            if (pipeline.Read(partition, (task, _) => new TaskReading(task.NextDelivery + task.NextFeedback, task.Engine.TrackedLeads)) is { } reading)
            {
                position += reading.Position;
                leads += reading.TrackedLeads;
                tasks++;
            }
        }

        return new TaskPositions(Stopwatch.GetTimestamp(), position, tasks, leads);
    }

    private static string Required(HarnessArgs args, string name) =>
        args.Text(name) ?? throw new ArgumentException($"worker-child needs --{name}");

    private sealed record TaskReading(long Position, long TrackedLeads);
}
