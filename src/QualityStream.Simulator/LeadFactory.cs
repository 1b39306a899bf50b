using QualityStream.Simulator.Feedback;
using QualityStream.Simulator.Incidents;
using QualityStream.Simulator.Output;
using QualityStream.Simulator.People;
using QualityStream.Simulator.Population;

namespace QualityStream.Simulator;

/// <summary>
/// Makes one delivery: routes it to a buyer and source by volume, applies the cell's rates (and any incident),
/// makes the consumer (fresh, defective, or one this buyer already bought) and hands the facts to the planner.
/// </summary>
internal sealed class LeadFactory
{
    private const int HistoryPerBuyer = 2000;
    private readonly SimulatorOptions options;
    private readonly Market market;
    private readonly IReadOnlyList<ActiveIncident> incidents;
    private readonly Random random;
    private readonly string runId;
    private readonly ConsumerFactory consumers;
    private readonly double[] buyerWeights;
    private readonly double[][] sourceWeights;
    private readonly Dictionary<string, SourceProfile> sources;
    private readonly Dictionary<string, VerticalInfo> verticals = Verticals.All.ToDictionary(v => v.Name);
    private readonly List<SimConsumer>[] history;
    private long seq;

    public LeadFactory(SimulatorOptions options, Market market, IReadOnlyList<ActiveIncident> incidents, Random random, string runId)
    {
        this.options = options;
        this.market = market;
        this.incidents = incidents;
        this.random = random;
        this.runId = runId;
        consumers = new ConsumerFactory(random);
        buyerWeights = RandomExtensions.Cumulative(market.Buyers.Select(b => b.VolumeShare));
        sourceWeights = market.Buyers.Select(b => RandomExtensions.Cumulative(b.Sources.Select(s => s.Share))).ToArray();
        sources = market.Sources.ToDictionary(s => s.SourceId);
        history = market.Buyers.Select(_ => new List<SimConsumer>()).ToArray();
    }

    public SimulatedMessage Deliver(DateTimeOffset at, EventWriter writer, Action<LeadFacts> plan)
    {
        var b = random.PickWeighted(buyerWeights);
        var buyer = market.Buyers[b];
        var source = sources[buyer.Sources[random.PickWeighted(sourceWeights[b])].SourceId];
        var baseline = new CellRates(
            source.Validity,
            source.DuplicateRate,
            Math.Clamp(buyer.ContactRate * source.ContactFactor, 0.02, 0.98),
            Math.Clamp(buyer.ReturnRate * source.ReturnFactor, 0, 1),
            BadPhones: false,
            ReturnBurst: false);
        var rates = CellRates.Apply(baseline, incidents, buyer.BuyerId, source.SourceId, at);
        var known = history[b];
        var duplicate = known.Count > 0 && random.Chance(rates.Duplicate);
        var defect = duplicate || random.Chance(rates.Validity) ? ValidityDefect.None
            : rates.BadPhones ? ValidityDefect.InvalidPhone : consumers.PickDefect();
        var consumer = duplicate ? random.Pick(known) : consumers.Create(defect);
        var corruption = random.Chance(options.BadInputFraction) ? (Corruption)random.Next(1, 5) : Corruption.None;
        var vertical = verticals[buyer.Vertical];
        var n = ++seq;
        var fields = new DeliveryFields(
            $"d-{runId}-{n}", $"L-{runId}-{n}", buyer.BuyerId, source.SourceId, buyer.Vertical, at,
            decimal.Round((decimal)random.Between(vertical.MinPrice, vertical.MaxPrice), 2), consumer);
        var value = writer.Delivery(fields, corruption);
        if (corruption == Corruption.None)
        {
            if (!duplicate && defect == ValidityDefect.None)
            {
                Remember(known, consumer);
            }

            plan(new LeadFacts(fields.LeadId, buyer.BuyerId, at, consumer.Phone is not null, defect, duplicate,
                rates.Contact, rates.Return, rates.ReturnBurst));
        }

        return new SimulatedMessage(options.DeliveriesTopic, buyer.BuyerId, value, at);
    }

    private void Remember(List<SimConsumer> known, SimConsumer consumer)
    {
        if (known.Count < HistoryPerBuyer)
        {
            known.Add(consumer);
        }
        else
        {
            known[random.Next(HistoryPerBuyer)] = consumer;
        }
    }
}
