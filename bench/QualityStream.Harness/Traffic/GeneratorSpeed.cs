using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using QualityStream.Simulator;

namespace QualityStream.Harness.Traffic;

/// <summary>Events per second of the template generator and, for comparison, of the simulator's TrafficGenerator.</summary>
public static class GeneratorSpeed
{
    public static double Templates(int partitions, int count = 300_000)
    {
        var model = new TrafficModel(partitions, seed: 99);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            model.Next(now + (i >> 8));
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Deliveries in steps of 1,000 a simulated second, so planned feedback falls due as it would live.</summary>
    public static double Simulator(int seconds = 2)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var generator = new TrafficGenerator(new SimulatorOptions { Buyers = 200, Sources = 50, Seed = 5 }, time);
        var clock = Stopwatch.StartNew();
        long produced = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            time.Advance(TimeSpan.FromSeconds(1));
            produced += generator.Next(1000).Count;
        }

        return produced / clock.Elapsed.TotalSeconds;
    }
}
