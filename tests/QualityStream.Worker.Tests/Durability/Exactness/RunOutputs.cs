using System.Text.Json.Nodes;
using QualityStream.Worker.Tests.Durability.Harness;

namespace QualityStream.Worker.Tests.Durability.Exactness;

/// <summary>What users see of one lane once it has caught up: its snapshot, its state-change topic and its notices.</summary>
internal sealed record RunOutputs(string Name, JsonObject Snapshot, StateChangeLog Changes, NoticeLog Notices)
{
    public static RunOutputs Read(string name, JsonObject snapshot, string bootstrapServers, WorkerLane lane)
    {
        ArgumentNullException.ThrowIfNull(lane);
        return new RunOutputs(name, snapshot,
            StateChangeLog.Of(OutputTopic.ReadAll(bootstrapServers, lane.StateChanges)),
            NoticeLog.Of(OutputTopic.ReadAll(bootstrapServers, lane.Notices)));
    }

    public override string ToString() =>
        $"{Name}: {Snapshot["cells"]?.AsArray().Count} cells, {Snapshot["incidents"]?.AsArray().Count} open incidents, {Changes.Changes.Count} state changes, {Notices.Notices.Count} notices";
}
