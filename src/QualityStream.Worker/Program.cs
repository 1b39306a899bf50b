using QualityStream.Worker;
using QualityStream.Worker.Cli;

// `keys create|list|revoke` manages API keys in Redis and exits; no web host, no Kafka.
if (KeyCommand.IsRequested(args))
{
    return await KeyCommand.RunAsync(args);
}

if (args.Contains("--help") || args.Contains("-h"))
{
    await Console.Out.WriteAsync(WorkerUsage.Text);
    return 0;
}

return await WorkerHost.RunAsync(args);
