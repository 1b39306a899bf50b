using Microsoft.Extensions.Time.Testing;
using QualityStream.Core.Duplicates;
using QualityStream.Core.Engine;
using QualityStream.Harness.Cli;

namespace QualityStream.Harness.Memory;

/// <summary>
/// Memory of the engine (default options: 1h/24h windows, 30-day duplicate lookback, leads kept 11 days) holding
/// 1,000,000 tracked leads and the fingerprints of 1,000,000 consumers (phone and email: two each), against an empty
/// engine measured in the same run. Leads-only and leads-with-fingerprints engines are built side by side, so the
/// difference between them is the duplicate index; a stand-alone DuplicateIndex cross-checks it. Then the size of the
/// engine's checkpoint state and the time to write it and read it back.
/// </summary>
public static class MemoryScenario
{
    public static ResultLine Run(HarnessArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var leads = args.Whole("leads", 1_000_000);
        var span = TimeSpan.FromDays(args.Number("days", 10));
        Console.WriteLine($"memory: {leads:N0} leads over {span.TotalDays:F0} days, default engine options; {Machine.Describe()}");
        var end = DateTimeOffset.UtcNow;
        var time = new FakeTimeProvider(end);
        var start = MemorySample.Take();
        var empty = new QualityEngine(new QualityEngineOptions(), time);
        var baseline = MemorySample.Take();
        Console.WriteLine($"empty engine: heap {(baseline - start).Heap / 1e6:F1} MB, process heap {baseline.Heap / 1e6:F1} MB, RSS {baseline.Rss / 1e6:F1} MB");

        var leadsOnly = new QualityEngine(new QualityEngineOptions(), time);
        _ = LeadFeed.Apply(leadsOnly, leads, span, end, fingerprints: false);
        var afterLeads = MemorySample.Take();
        var leadCost = afterLeads - baseline;
        var tracked = leadsOnly.TrackedLeads;

        var withFingerprints = new QualityEngine(new QualityEngineOptions(), time);
        var (longest, over10) = LeadFeed.Apply(withFingerprints, leads, span, end, fingerprints: true);
        var afterBoth = MemorySample.Take();
        var fingerprintCost = afterBoth - afterLeads - leadCost;
        var fingerprints = 2L * leads;

        var index = new DuplicateIndex(TimeSpan.FromDays(30));
        var endSec = end.ToUnixTimeSeconds();
        for (var i = 1UL; i <= (ulong)leads; i++)
        {
            index.CheckAndRecord((int)(i % 200), i, LeadFeed.Hash(i), LeadFeed.Hash(~i), endSec - (long)(i % 864_000));
        }

        var afterIndex = MemorySample.Take();
        var indexCost = afterIndex - afterBoth;
        Console.WriteLine($"{tracked:N0} tracked leads: heap +{leadCost.Heap / 1e6:F1} MB ({leadCost.Heap / (double)tracked:F1} B a lead), RSS +{leadCost.Rss / 1e6:F1} MB ({leadCost.Rss / (double)tracked:F1} B a lead)");
        Console.WriteLine($"{fingerprints:N0} fingerprints in the engine: heap +{fingerprintCost.Heap / 1e6:F1} MB ({fingerprintCost.Heap / (double)fingerprints:F1} B each), RSS +{fingerprintCost.Rss / 1e6:F1} MB");
        Console.WriteLine($"stand-alone DuplicateIndex, {index.Count:N0} entries: heap +{indexCost.Heap / 1e6:F1} MB ({indexCost.Heap / (double)index.Count:F1} B each), estimated {index.EstimatedBytes / 1e6:F1} MB");
        Console.WriteLine($"longest single Apply while growing to {leads:N0} leads: {longest.TotalMilliseconds:F0} ms; {over10} calls over 10 ms (table resizes, GC)");
        // After every heap figure: the streams and the engines read back would count in them.
        CheckpointSample.WarmUp(end, time);
        var checkpoint = CheckpointSample.Take(withFingerprints, time);
        var leadsOnlyCheckpoint = CheckpointSample.Take(leadsOnly, time);
        Console.WriteLine($"checkpoint of the engine with {tracked:N0} leads and their fingerprints: {checkpoint.Bytes / 1e6:F1} MB ({checkpoint.Bytes / (double)tracked:F1} B a lead), " +
            $"written in {checkpoint.Write.TotalMilliseconds:F0} ms, read back in {checkpoint.Read.TotalMilliseconds:F0} ms; " +
            $"without fingerprints {leadsOnlyCheckpoint.Bytes / (double)tracked:F1} B a lead");
        GC.KeepAlive(empty);
        GC.KeepAlive(leadsOnly);
        GC.KeepAlive(withFingerprints);
        GC.KeepAlive(index);
        return new ResultLine("memory")
            .Add("lead_bytes", leadCost.Heap / (double)tracked, 1)
            .Add("fingerprint_bytes", fingerprintCost.Heap / (double)fingerprints, 1)
            .Add("consumer_bytes", fingerprintCost.Heap / (double)leads, 1)
            .Add("index_entry_bytes", indexCost.Heap / (double)index.Count, 1)
            .Add("lead_rss_bytes", leadCost.Rss / (double)tracked, 1)
            .Add("fingerprint_rss_bytes", fingerprintCost.Rss / (double)fingerprints, 1)
            .Add("longest_apply_ms", longest.TotalMilliseconds, 1)
            .Add("applies_over_10ms", over10)
            .Add("checkpoint_bytes_per_lead", checkpoint.Bytes / (double)tracked, 1)
            .Add("checkpoint_write_ms", checkpoint.Write.TotalMilliseconds, 1)
            .Add("checkpoint_read_ms", checkpoint.Read.TotalMilliseconds, 1)
            .Add("checkpoint_leads_only_bytes_per_lead", leadsOnlyCheckpoint.Bytes / (double)tracked, 1)
            .Add("tracked_leads", tracked)
            .Add("fingerprints", fingerprints)
            .Add("baseline_heap_mb", baseline.Heap / 1e6, 1)
            .Add("baseline_rss_mb", baseline.Rss / 1e6, 1)
            .Add("total_rss_mb", afterIndex.Rss / 1e6, 1)
            .Add("load1", Machine.LoadAverage(), 2);
    }
}
