using System.Globalization;
using QualityStream.Demo;
using QualityStream.Worker;

// The README's first command: the production worker with everything it needs around it on this machine.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("""
        QualityStream demo: an embedded Kafka-protocol broker, a local redis-server, simulated lead traffic with scripted
        quality incidents, and the worker with its wall board on http://localhost:8080.

        usage: dotnet run --project src/QualityStream.Demo -c Release [-- [--rate LEADS_PER_SECOND] [--Setting=value ...]]
          --rate N         leads a second from the simulator (default 200)
          --Setting=value  any worker setting (README, Configuration), e.g. --Http:Port=8081
        """);
    return 0;
}

var rateAt = Array.IndexOf(args, "--rate");
var rate = rateAt >= 0 && rateAt + 1 < args.Length ? double.Parse(args[rateAt + 1], CultureInfo.InvariantCulture) : 200;
string[] workerArgs = rateAt >= 0 ? [.. args[..rateAt], .. args[Math.Min(args.Length, rateAt + 2)..]] : args;
await using var demo = await DemoEnvironment.StartAsync(rate, Console.Out);
return await WorkerHost.RunAsync(workerArgs, demo.Configure, demo.Announce);
