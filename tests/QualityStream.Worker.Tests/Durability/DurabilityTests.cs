using QualityStream.Worker.Tests.EndToEnd;

namespace QualityStream.Worker.Tests.Durability;

/// <summary>
/// The durable-state specs (issue 17) run worker processes against their own broker and redis-server, one test at a
/// time and with no other collection alongside: each keeps two or three workers busy on a 2-core machine, and their
/// checks (catching up, a group rejoining within its session timeout) hold only if the CPU is theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DurabilityTests : ICollectionFixture<BrokerFixture>, ICollectionFixture<RedisServer>
{
    public const string Name = "durability";
}
