using QualityStream.Worker;
using QualityStream.Worker.Cli;
using QualityStream.Worker.Demo;

// `keys create|list|revoke` manages API keys in Redis and exits; no web host, no Kafka.
if (KeyCommand.IsRequested(args))
{
    return await KeyCommand.RunAsync(args);
}

try
{
    // With --demo the worker first starts its own broker, Redis and simulator (the README's first command).
    await using var demo = await DemoEnvironment.StartIfRequestedAsync(args);
    await using var app = WorkerHost.Build(args, demo is null ? null : demo.Configure);
    demo?.Announce(app);
    return await WorkerHost.RunAsync(app);
}
catch (InvalidSettingException e)
{
    foreach (var problem in e.Problems)
    {
        await Console.Error.WriteLineAsync($"qualitystream: invalid setting {problem}");
    }

    return WorkerHost.InvalidSettings;
}
