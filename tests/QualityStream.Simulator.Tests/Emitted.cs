using System.Text.Json;

namespace QualityStream.Simulator.Tests;

/// <summary>A generated message, the clock when it was emitted, and its JSON (null when it does not parse).</summary>
internal sealed record Emitted(SimulatedMessage Message, DateTimeOffset EmittedAt, JsonElement? Json)
{
    public JsonElement Body => Json ?? throw new InvalidOperationException("Message is not valid JSON.");

    public string Get(string name) => Checks.Text(Body, name) ?? throw new InvalidOperationException($"No '{name}'.");
}
