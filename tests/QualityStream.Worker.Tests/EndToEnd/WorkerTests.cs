namespace QualityStream.Worker.Tests.EndToEnd;

/// <summary>Worker tests share one broker and one redis-server; each test isolates itself by topic names and key prefix.</summary>
[CollectionDefinition(Name)]
public sealed class WorkerTests : ICollectionFixture<BrokerFixture>, ICollectionFixture<RedisServer>
{
    public const string Name = "worker";
}
