using System.Reactive.Concurrency;
using Microsoft.Extensions.Options;
using QualityStream.Core.Engine;
using QualityStream.Core.Notices;
using QualityStream.Worker.Feed;

namespace QualityStream.Worker.Pipeline;

public static class PipelineExtensions
{
    public static void AddQualityPipeline(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<QualityEngineOptions>().BindConfiguration(QualityEngineOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<QualityEngineOptions>, QualityOptionsValidator>();
        builder.Services.AddOptions<NoticeOptions>().BindConfiguration(NoticeOptions.SectionName)
            .Validate(o => o.Validate().Count == 0, "invalid Notices settings").ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IScheduler>(_ => new EventLoopScheduler(start => new Thread(start) { Name = "qs-clock", IsBackground = true }));
        builder.Services.AddSingleton<QualityPipeline>();
        builder.Services.AddSingleton<IQualityFeed>(sp => sp.GetRequiredService<QualityPipeline>());
        builder.Services.AddHostedService<ThresholdFollower>();
    }
}
