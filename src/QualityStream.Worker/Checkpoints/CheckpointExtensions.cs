using QualityStream.Worker.Health;
using QualityStream.Worker.Redis;

namespace QualityStream.Worker.Checkpoints;

public static class CheckpointExtensions
{
    /// <summary>Task checkpoints in Redis (<c>Checkpoints:*</c>), the read-back of sent outputs, and the checkpointer.</summary>
    public static void AddCheckpoints(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CheckpointOptions>().BindConfiguration(CheckpointOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRedisConnection();
        builder.Services.AddSingleton<CheckpointStore>();
        builder.Services.AddSingleton<OutputReadBack>();
        builder.Services.AddSingleton<TaskCheckpointer>();
        builder.Services.AddHealthChecks().AddCheck<CheckpointHealthCheck>("checkpoints", tags: [QualityHealthExtensions.ReadyTag]);
    }
}
