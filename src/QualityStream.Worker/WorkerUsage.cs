namespace QualityStream.Worker;

/// <summary>What <c>--help</c> prints: how to run the worker, its main settings, its commands and exit codes.</summary>
public static class WorkerUsage
{
    public const string Text = """
        QualityStream worker: consumes lead deliveries and buyer feedback from Kafka, computes rolling quality rates per
        buyer, source and buyer x source, judges them against thresholds in Redis, and pushes every state change to the
        wall board (SignalR), Kafka and Prometheus.

        usage: QualityStream.Worker [--Setting=value ...]     run the worker
               QualityStream.Worker keys create|list|revoke   manage API keys (keys --help)
               QualityStream.Worker --help                    this text

        Settings come from appsettings.json, environment variables (Kafka__BootstrapServers) or the command line
        (--Kafka:BootstrapServers=kafka:9092); README.md lists them all. The main ones:
          Kafka:BootstrapServers   brokers (required)
          Kafka:GroupId            consumer group (default qualitystream)
          Redis:Configuration      thresholds and API keys (default localhost:6379)
          Http:Port                board, APIs, hub (default 8080)
          Http:ManagementPort      /metrics and probes (default 9464)

        Exit codes: 0 stopped on request; 1 ingestion stopped on its own (see the log); 2 invalid settings (one line each).

        """;
}
