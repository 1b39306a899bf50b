namespace QualityStream.Worker.Outputs;

public static class OutputsExtensions
{
    public static void AddKafkaOutputs(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OutputTopology>();
        builder.Services.AddSingleton<OutputProducer>();
        builder.Services.AddSingleton<DeadLetters>();
        builder.Services.AddHostedService<KafkaOutputs>();
    }
}
