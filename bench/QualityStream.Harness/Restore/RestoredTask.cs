namespace QualityStream.Harness.Restore;

/// <summary>One task's restore as the worker logged it: its checkpoint, the time each step took, and where its replay started.</summary>
public sealed record RestoredTask(int Partition, long Bytes, long Leads, long TotalMs, long LoadMs, long ReadMs, long ReadBackMs, long NextDelivery, long NextFeedback)
{
    public long ReplayFrom => NextDelivery + NextFeedback;
}
