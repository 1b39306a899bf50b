using System.Buffers;
using QualityStream.Core.Duplicates;
using QualityStream.Core.Events;
using QualityStream.Core.Inspection;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Engine;

public sealed partial class QualityEngine
{
    private const int StateFormatVersion = 4;

    /// <summary>
    /// The format before thresholds had a confidence, leads their validity issues and price, and buyers their daily
    /// volumes; still read, so a deploy restores from it (without those).
    /// </summary>
    private const int NoConfidenceFormatVersion = 3;
    private static readonly int Magic = BitConverter.ToInt32("QSE\0"u8);

    /// <summary>
    /// Writes the task's whole state in a compact, versioned binary form for its checkpoint: time, seq, cells (in
    /// their order, with their alerting states), leads as fixed-size records, ids as hashes, held feedback with its
    /// messages, and the duplicate index. No window counters: they are recounted from the leads on restore, so they can
    /// never disagree with them. Thresholds are not state: the restored engine takes the ones in force.
    /// </summary>
    public void WriteState(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(StateFormatVersion);
        w.Write(_nowSec);
        w.Write(Seq);
        w.Write(_nextDuplicateEvict);

        w.Write(_cells.Count);
        foreach (var cell in _cells.All)
        {
            w.Write((byte)cell.Scope);
            WriteNullable(w, cell.BuyerId);
            WriteNullable(w, cell.SourceId);
            foreach (ref var s in _cells.States(cell.Index))
            {
                MetricStateFormat.Write(w, s);
            }
        }

        w.Write(_leads.Count);
        _leads.ForEach((in LeadSlot lead) =>
        {
            w.Write(lead.LeadKey);
            w.Write(lead.DeliveredSec);
            w.Write(lead.Buyer);
            w.Write(lead.SourceCell);
            w.Write(lead.BuyerSourceCell);
            w.Write((byte)lead.Flags);
            w.Write(lead.ReturnReason);
            w.Write(lead.ReturnWindowDays);
            w.Write((byte)lead.Issues);
            w.Write(lead.PriceCents);
        });

        var (seenNow, nextSweep, seen) = _seenEvents.Export();
        w.Write(seenNow);
        w.Write(nextSweep);
        w.Write(seen.Length);
        foreach (var (key, content, seconds) in seen)
        {
            w.Write(key);
            w.Write(content);
            w.Write(seconds);
        }

        var held = _pending.All.ToList();
        w.Write(held.Count);
        foreach (var h in held)
        {
            WriteFeedback(w, h.Feedback);
            w.Write(h.DeadlineSec);
            WriteSource(w, h.Source);
        }

        var fingerprints = new ArrayBufferWriter<byte>();
        _duplicates.WriteTo(fingerprints);
        w.Write(fingerprints.WrittenCount);
        w.Write(fingerprints.WrittenSpan);
        _daily.WriteTo(w);
    }

    /// <summary>Rebuilds an engine written by <see cref="WriteState"/>; nothing is judged until the caller sets the thresholds.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a state of this format.</exception>
    public static QualityEngine ReadState(Stream stream, QualityEngineOptions options, TimeProvider time, string streamName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (r.ReadInt32() != Magic)
        {
            throw new InvalidDataException("not a QualityStream engine state");
        }

        var version = r.ReadInt32();
        if (version is not (StateFormatVersion or NoConfidenceFormatVersion))
        {
            throw new InvalidDataException($"engine state format {version} is not supported (expected {StateFormatVersion})");
        }

        var engine = new QualityEngine(options, time, streamName, touchTables: false);
        var now = r.ReadInt64();
        engine.Seq = r.ReadInt64();
        var nextEvict = r.ReadInt64();
        if (now != long.MinValue)
        {
            engine.Start(now);
            engine._nextDuplicateEvict = nextEvict;
        }

        engine.ReadCells(r, withConfidence: version >= StateFormatVersion);
        engine.ReadLeads(r, withIssues: version >= StateFormatVersion);
        var (seenNow, nextSweep) = (r.ReadInt64(), r.ReadInt64());
        var seen = new (ulong, ulong, uint)[r.ReadInt32()];
        for (var i = 0; i < seen.Length; i++)
        {
            seen[i] = (r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt32());
        }

        engine._seenEvents.Import(seenNow, nextSweep, seen);
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var feedback = ReadFeedback(r);
            var deadline = r.ReadInt64();
            engine._pending.Hold(Keys.Of(feedback.LeadId), feedback, ReadSource(r), deadline);
        }

        var fingerprints = new SequenceReader<byte>(new ReadOnlySequence<byte>(r.ReadBytes(r.ReadInt32())));
        engine._duplicates = DuplicateIndex.ReadFrom(ref fingerprints);
        if (version >= StateFormatVersion)
        {
            engine._daily.ReadFrom(r);
        }

        engine._cells.DrainQueue(static (_, _) => { });
        engine._cells.ClearRateDirty();
        for (var cell = 0; cell < engine._cells.Count; cell++)
        {
            engine._cells.TrackTimer(cell);
        }

        engine.PreSize();
        engine.TouchTables();
        return engine;
    }

    private void ReadCells(BinaryReader r, bool withConfidence)
    {
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var scope = (CellScope)r.ReadByte();
            var index = _cells.CellOf(scope, ReadNullable(r), ReadNullable(r));
            foreach (ref var s in _cells.States(index))
            {
                MetricStateFormat.Read(r, ref s, WindowIndex, withConfidence);
            }
        }
    }

    /// <summary>
    /// Leads of the format before validity issues and prices were kept come back without them: their reasons count as
    /// none and their price as 0.
    /// </summary>
    private void ReadLeads(BinaryReader r, bool withIssues)
    {
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var lead = new LeadSlot
            {
                LeadKey = r.ReadUInt64(),
                DeliveredSec = r.ReadInt64(),
                Buyer = r.ReadInt32(),
                SourceCell = r.ReadInt32(),
                BuyerSourceCell = r.ReadInt32(),
                Flags = (LeadFlags)r.ReadByte(),
                ReturnReason = r.ReadByte(),
                ReturnWindowDays = r.ReadByte(),
                Issues = withIssues ? (ValidityIssues)r.ReadByte() : ValidityIssues.None,
                PriceCents = withIssues ? r.ReadInt32() : 0,
            };
            lead.BuyerCell = _cells.BuyerCell(lead.Buyer);
            var slot = _leads.Add(lead);
            for (var w = 0; w < _windows.Length; w++)
            {
                if (lead.DeliveredSec > _expiredThrough[w])
                {
                    Count(_leads[slot], w, 1);
                }
            }
        }
    }

    private static void WriteFeedback(BinaryWriter w, BuyerFeedback f)
    {
        w.Write(f.EventId);
        w.Write(f.LeadId);
        w.Write(f.BuyerId);
        w.Write((byte)f.Type);
        w.Write(f.OccurredAt.UtcTicks);
        w.Write(f.Outcome.HasValue ? (byte)f.Outcome.Value : byte.MaxValue);
        w.Write(f.Reason.HasValue ? (byte)f.Reason.Value : byte.MaxValue);
    }

    private static BuyerFeedback ReadFeedback(BinaryReader r)
    {
        var (eventId, leadId, buyerId, type) = (r.ReadString(), r.ReadString(), r.ReadString(), (FeedbackType)r.ReadByte());
        var at = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
        var outcome = r.ReadByte();
        var reason = r.ReadByte();
        return new BuyerFeedback(eventId, leadId, buyerId, type, at,
            outcome == byte.MaxValue ? null : (ContactOutcome)outcome,
            reason == byte.MaxValue ? null : (ReturnReason)reason);
    }

    private static void WriteSource(BinaryWriter w, FeedbackSource? source)
    {
        w.Write(source is not null);
        if (source is not null)
        {
            w.Write(source.Topic);
            w.Write(source.Partition);
            w.Write(source.Offset);
            WriteBytes(w, source.Key);
            WriteBytes(w, source.Value);
        }
    }

    private static FeedbackSource? ReadSource(BinaryReader r) =>
        r.ReadBoolean() ? new FeedbackSource(r.ReadString(), r.ReadInt32(), r.ReadInt64(), ReadBytes(r), ReadBytes(r)) : null;

    private static void WriteBytes(BinaryWriter w, byte[]? bytes)
    {
        w.Write(bytes?.Length ?? -1);
        if (bytes is not null)
        {
            w.Write(bytes);
        }
    }

    private static byte[]? ReadBytes(BinaryReader r) => r.ReadInt32() is var n and >= 0 ? r.ReadBytes(n) : null;

    private static void WriteNullable(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null)
        {
            w.Write(value);
        }
    }

    private static string? ReadNullable(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
}
