using QualityStream.Simulator.Running;

if (!SimulatorCommandLine.TryParse(args, out var options, out var error))
{
    await Console.Error.WriteLineAsync(error);
    return error == SimulatorCommandLine.Usage ? 0 : 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
var runner = new SimulatorRunner(options, TimeProvider.System, Console.Out);
await runner.RunAsync(stop.Token);
return 0;
