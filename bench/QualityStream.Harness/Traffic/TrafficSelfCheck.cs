using QualityStream.Core.Decoding;
using QualityStream.Core.Inspection;

namespace QualityStream.Harness.Traffic;

/// <summary>
/// Runs the first generated events through the worker's own decoder and inspector: every one must decode (the JSON is
/// contract-valid), and the validity mix should be the intended few percent.
/// </summary>
public static class TrafficSelfCheck
{
    public static string Run(int partitions, int count = 20_000)
    {
        var model = new TrafficModel(partitions);
        var decoder = new EventDecoder(TimeProvider.System);
        var inspector = new LeadInspector();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        int deliveries = 0, invalid = 0, failed = 0;
        string? firstFailure = null;
        for (var i = 0; i < count; i++)
        {
            var e = model.Next(now);
            if (e.IsDelivery)
            {
                var decoded = decoder.DecodeDelivery(e.Value);
                deliveries++;
                if (decoded.IsSuccess)
                {
                    invalid += inspector.Inspect(decoded.Event!).IsValid ? 0 : 1;
                    continue;
                }

                failed++;
                firstFailure ??= decoded.Detail;
            }
            else if (decoder.DecodeFeedback(e.Value) is { IsSuccess: false } bad)
            {
                failed++;
                firstFailure ??= bad.Detail;
            }
        }

        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} of {count} generated events do not decode; first: {firstFailure}");
        }

        return $"self-check: {count} events decode; {deliveries} deliveries, {100.0 * invalid / deliveries:F1}% invalid";
    }
}
