using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Engine;

/// <summary>One cell × metric's alerting state in a checkpoint: status, timers, incident and the threshold it was judged by.</summary>
internal static class MetricStateFormat
{
    public static void Write(BinaryWriter w, in MetricState s)
    {
        w.Write((byte)s.Status);
        w.Write(s.Insufficient);
        w.Write(s.BeyondWarnSince);
        w.Write(s.BeyondBreachSince);
        w.Write(s.IncidentId is not null);
        if (s.IncidentId is not null)
        {
            w.Write(s.IncidentId);
        }

        w.Write(s.OpenedAtSec);
        w.Write(s.Threshold is not null);
        if (s.Threshold is { } t)
        {
            w.Write(t.Scope);
            w.Write(t.Threshold.Window);
            w.Write(t.Threshold.Warn);
            w.Write(t.Threshold.Breach);
            w.Write(t.Threshold.Clear);
            w.Write(t.Threshold.MinSample);
            w.Write(t.Threshold.PendingSeconds);
            w.Write(t.Threshold.Confidence);
        }
    }

    /// <summary>
    /// Reads into <paramref name="s"/>; its threshold is re-resolved on the next judgement, which keeps timers if it did not
    /// change. States written before thresholds had a confidence (<paramref name="withConfidence"/> false) take the
    /// default, which is what their thresholds now resolve to, so a deploy keeps their timers.
    /// </summary>
    public static void Read(BinaryReader r, ref MetricState s, Func<string, int> windowIndex, bool withConfidence)
    {
        s.Status = (MetricStatus)r.ReadByte();
        s.Insufficient = r.ReadBoolean();
        s.BeyondWarnSince = r.ReadInt64();
        s.BeyondBreachSince = r.ReadInt64();
        s.IncidentId = r.ReadBoolean() ? r.ReadString() : null;
        s.OpenedAtSec = r.ReadInt64();
        if (r.ReadBoolean())
        {
            var scope = r.ReadString();
            s.Threshold = new ResolvedThreshold(
                new Threshold(r.ReadString(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadInt32(), r.ReadInt32(),
                    withConfidence ? r.ReadDouble() : ThresholdDefaults.Confidence), scope);
            s.WindowIndex = windowIndex(s.Threshold.Threshold.Window);
        }

        s.ThresholdVersion = -1;
    }
}
