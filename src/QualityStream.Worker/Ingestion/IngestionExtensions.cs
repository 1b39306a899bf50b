using QualityStream.Worker.Kafka;
namespace QualityStream.Worker.Ingestion;

public static class IngestionExtensions
{
    public static void AddKafkaIngestion(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KafkaOptions>().BindConfiguration(KafkaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<BrokerConnectivity>();
        builder.Services.AddSingleton<IngestionStatus>();
        builder.Services.AddHostedService<KafkaIngestionService>();
        builder.Services.AddHealthChecks().AddCheck<IngestionStatus>("kafka", tags: ["ready"]);
    }
}
