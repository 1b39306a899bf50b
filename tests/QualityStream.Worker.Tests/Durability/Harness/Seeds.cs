using System.Globalization;

namespace QualityStream.Worker.Tests.Durability.Harness;

/// <summary>
/// A run's seed: <c>QS_SEED</c> when set, to replay a failure with the traffic and kill points it had, else a fresh one.
/// Tests print it and name it in their failure messages.
/// </summary>
internal static class Seeds
{
    public static int Choose() =>
        int.TryParse(Environment.GetEnvironmentVariable("QS_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next();
}
