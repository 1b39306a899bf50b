namespace QualityStream.Core.Notices;

/// <summary>The binary form of the notice ledger's parts. Times are UTC ticks: engine time carries no offset.</summary>
internal static class NoticeFormat
{
    public static void WriteTime(BinaryWriter w, DateTimeOffset time) => w.Write(time.UtcTicks);

    public static DateTimeOffset ReadTime(BinaryReader r) => new(r.ReadInt64(), TimeSpan.Zero);

    /// <summary>A held notice, without its buyer (the buyer's slots hold it).</summary>
    public static void WriteNotice(BinaryWriter w, BuyerNotice notice)
    {
        w.Write(notice.NoticeId);
        w.Write(notice.IncidentId);
        w.Write((byte)notice.Kind);
        w.Write((byte)notice.Metric);
        w.Write(notice.SourceId is not null);
        if (notice.SourceId is not null)
        {
            w.Write(notice.SourceId);
        }

        w.Write(notice.Rate.HasValue);
        if (notice.Rate is { } rate)
        {
            w.Write(rate);
        }

        w.Write(notice.Threshold);
        w.Write(notice.Message);
        WriteTime(w, notice.At);
    }

    public static BuyerNotice ReadNotice(BinaryReader r, string buyerId) => new(
        NoticeId: r.ReadString(),
        BuyerId: buyerId,
        IncidentId: r.ReadString(),
        Kind: Defined((NoticeKind)r.ReadByte()),
        Metric: Defined((Thresholds.Metric)r.ReadByte()),
        SourceId: r.ReadBoolean() ? r.ReadString() : null,
        Rate: r.ReadBoolean() ? r.ReadDouble() : null,
        Threshold: r.ReadDouble(),
        Message: r.ReadString(),
        At: ReadTime(r));

    private static T Defined<T>(T value) where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new InvalidDataException($"unknown {typeof(T).Name} {value} in notice state");
}
