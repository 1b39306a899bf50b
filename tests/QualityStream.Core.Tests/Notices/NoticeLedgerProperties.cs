using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QualityStream.Core.Notices;

namespace QualityStream.Core.Tests.Notices;

public class NoticeLedgerProperties
{
    // A small limit and a short period, so that most scenarios hold, merge and release notices.
    private static readonly NoticeOptions Options = new() { MaxPerBuyerPerHour = 2, Period = TimeSpan.FromMinutes(15) };

    [Property(MaxTest = 200, Arbitrary = [typeof(NoticeScenarioGenerator)])]
    public Property Notices_TimeAdvancedInOneJumpOrSecondBySecond_AreTheSameAtTheSameTimes(NoticeScenario scenario)
    {
        var changes = scenario.Steps.Where(s => s.Change is not null).Select(s => s.Change!).ToList();
        // Past the end by a full period, so every held notice has gone out either way.
        var end = scenario.Steps[^1].At + Options.Period;

        var jumped = new List<BuyerNotice>();
        var jumping = new NoticeLedger(Options);
        foreach (var change in changes)
        {
            jumping.On(change, jumped);
        }

        jumping.AdvanceTo(end, jumped);

        var stepped = new List<BuyerNotice>();
        var stepping = new NoticeLedger(Options);
        var now = NoticeScenarioGenerator.Origin;
        foreach (var change in changes)
        {
            for (; now < change.At; now = now.AddSeconds(1))
            {
                stepping.AdvanceTo(now, stepped);
            }

            stepping.On(change, stepped);
        }

        for (; now <= end; now = now.AddSeconds(1))
        {
            stepping.AdvanceTo(now, stepped);
        }

        return jumped.SequenceEqual(stepped)
            .Label($"jumped:{Environment.NewLine}{Show(jumped)}{Environment.NewLine}stepped:{Environment.NewLine}{Show(stepped)}")
            .Classify(jumped.Any(n => n.NoticeId.Contains("-merged", StringComparison.Ordinal)), "merged");
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(NoticeScenarioGenerator)])]
    public Property Ledger_WrittenAndReadBackEveryFewSteps_GoesOnAsOneThatNeverStopped(NoticeScenario scenario, PositiveInt every)
    {
        var restoreEvery = 1 + (every.Get % 8);
        var expected = new List<BuyerNotice>();
        var neverStopped = new NoticeLedger(Options);
        var actual = new List<BuyerNotice>();
        var restored = new NoticeLedger(Options);
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            Feed(neverStopped, scenario.Steps[i], expected);
            if (i % restoreEvery == 0)
            {
                restored = RoundTrip(restored);
            }

            Feed(restored, scenario.Steps[i], actual);
        }

        var end = scenario.Steps[^1].At + Options.Period;
        neverStopped.AdvanceTo(end, expected);
        restored = RoundTrip(restored);
        restored.AdvanceTo(end, actual);
        return (expected.SequenceEqual(actual) && Bytes(neverStopped).AsSpan().SequenceEqual(Bytes(restored)))
            .Label($"never stopped:{Environment.NewLine}{Show(expected)}{Environment.NewLine}restored every {restoreEvery}:{Environment.NewLine}{Show(actual)}");
    }

    private static void Feed(NoticeLedger ledger, NoticeStep step, List<BuyerNotice> sent)
    {
        if (step.Change is { } change)
        {
            ledger.On(change, sent);
        }
        else
        {
            ledger.AdvanceTo(step.At, sent);
        }
    }

    private static NoticeLedger RoundTrip(NoticeLedger ledger)
    {
        using var reader = new BinaryReader(new MemoryStream(Bytes(ledger)));
        return NoticeLedger.ReadFrom(reader, Options);
    }

    private static byte[] Bytes(NoticeLedger ledger)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            ledger.WriteTo(writer);
        }

        return stream.ToArray();
    }

    private static string Show(IEnumerable<BuyerNotice> notices) =>
        string.Join(Environment.NewLine, notices.Select(n => $"{n.At:HH:mm:ss} {n.BuyerId} {n.NoticeId}"));
}
