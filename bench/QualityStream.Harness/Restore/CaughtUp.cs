using System.Diagnostics;
using QualityStream.Harness.Infrastructure;

namespace QualityStream.Harness.Restore;

/// <summary>Waits until a worker child's tasks have applied every input event: consumer lag 0, to the event.</summary>
public static class CaughtUp
{
    /// <summary>
    /// The first published <see cref="TaskPositions"/> with all <paramref name="tasks"/> tasks at <paramref name="ends"/>
    /// (the sum of the input partitions' ends); fails if the positions stop moving for <paramref name="stall"/>.
    /// </summary>
    public static async Task<TaskPositions> WaitAsync(WorkerChild worker, int tasks, long ends, TimeSpan stall)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var last = worker.Positions;
        var unchanged = Stopwatch.StartNew();
        while (true)
        {
            var now = worker.Positions;
            if (now.Tasks == tasks && now.Position == ends)
            {
                return now;
            }

            if (now.Position != last.Position || now.Tasks != last.Tasks)
            {
                last = now;
                unchanged.Restart();
            }
            else if (unchanged.Elapsed > stall)
            {
                throw new TimeoutException($"the worker's {now.Tasks} of {tasks} tasks stand at {now.Position:N0} of {ends:N0} and moved no further in {stall.TotalSeconds:F0} s");
            }

            await Task.Delay(2);
        }
    }
}
