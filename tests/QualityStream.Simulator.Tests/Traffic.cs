using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using QualityStream.Simulator.Incidents;

namespace QualityStream.Simulator.Tests;

/// <summary>Drives a generator on a fake clock and keeps every message with its parsed JSON.</summary>
internal sealed class Traffic
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    public Traffic(SimulatorOptions? options = null)
    {
        Clock = new FakeTimeProvider(Start);
        Generator = new TrafficGenerator(options ?? new SimulatorOptions { Seed = 42, Incidents = [] }, Clock);
    }

    public FakeTimeProvider Clock { get; }

    public TrafficGenerator Generator { get; }

    public List<Emitted> Messages { get; } = [];

    public IEnumerable<Emitted> Deliveries => Messages.Where(m => m.Message.Topic == "lead-deliveries");

    public IEnumerable<Emitted> Feedback => Messages.Where(m => m.Message.Topic == "buyer-feedback");

    /// <summary>Emits <paramref name="perStep"/> deliveries every <paramref name="step"/> for <paramref name="steps"/> steps.</summary>
    public Traffic Run(int steps, int perStep, TimeSpan step)
    {
        for (var i = 0; i < steps; i++)
        {
            Clock.Advance(step);
            Collect(perStep);
        }

        return this;
    }

    /// <summary>Lets the clock run with no new leads so planned feedback comes due.</summary>
    public Traffic Drain(TimeSpan span, TimeSpan step) => Run((int)(span / step), 0, step);

    private void Collect(int deliveries)
    {
        var now = Clock.GetUtcNow();
        foreach (var message in Generator.Next(deliveries))
        {
            Messages.Add(new Emitted(message, now, TryParse(message.Value)));
        }
    }

    private static JsonElement? TryParse(byte[] value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static SimulatorOptions Options(params IncidentSpec[] incidents) => new() { Seed = 7, Incidents = [.. incidents] };
}
