using QualityStream.Worker;
using QualityStream.Worker.Demo;

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
