using QualityStream.Harness.Alerts;
using QualityStream.Harness.Ceiling;
using QualityStream.Harness.CheckpointCost;
using QualityStream.Harness.Cli;
using QualityStream.Harness.Infrastructure;
using QualityStream.Harness.Latency;
using QualityStream.Harness.Memory;
using QualityStream.Harness.Micro;
using QualityStream.Harness.Restore;

var harness = new HarnessArgs(args);
if (harness.Scenario == "worker-child")
{
    await WorkerChildHost.RunAsync(harness);
    return 0;
}

var result = harness.Scenario switch
{
    "ceiling" => await CeilingScenario.RunAsync(harness),
    "latency" => await LatencyScenario.RunAsync(harness),
    "memory" => MemoryScenario.Run(harness),
    "alerts" => AlertsScenario.Run(harness),
    "micro" => MicroScenario.Run(harness),
    "restore" => await RestoreScenario.RunAsync(harness),
    "checkpoint-cost" => await CheckpointCostScenario.RunAsync(harness),
    _ => null,
};

if (result is null)
{
    Console.Error.WriteLine("usage: QualityStream.Harness ceiling|checkpoint-cost|latency|memory|micro|restore [--name value ...]  (see bench/README.md)");
    return 2;
}

result.Emit();
return 0;
