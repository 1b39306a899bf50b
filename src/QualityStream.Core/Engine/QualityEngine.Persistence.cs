using QualityStream.Core.Duplicates;
using QualityStream.Core.Events;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Engine;

public sealed partial class QualityEngine
{
    private const int StateFormatVersion = 2;
    private static readonly int Magic = BitConverter.ToInt32("QSE\0"u8);

    /// <summary>
    /// Writes the whole engine state in a compact, versioned binary form: leads as fixed-size records, ids as hashes,
    /// no window counters (they are recomputed from the leads on restore, so they can never disagree with them).
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
        foreach (var cell in _cells)
        {
            w.Write((byte)cell.Scope);
            WriteNullable(w, cell.BuyerId);
            WriteNullable(w, cell.SourceId);
            foreach (ref var s in StatesOf(cell.Index))
            {
                WriteMetricState(w, s);
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
        });

        var (since, seen) = _seenEvents.Export();
        w.Write(since);
        w.Write(seen.Length);
        foreach (var (key, content) in seen)
        {
            w.Write(key);
            w.Write(content);
        }

        var held = _pending.All.ToList();
        w.Write(held.Count);
        foreach (var h in held)
        {
            WriteFeedback(w, h.Feedback);
            w.Write(h.DeadlineSec);
        }

        var fingerprints = new System.Buffers.ArrayBufferWriter<byte>();
        _duplicates.WriteTo(fingerprints);
        w.Write(fingerprints.WrittenCount);
        w.Write(fingerprints.WrittenSpan);
    }

    /// <summary>Rebuilds an engine written by <see cref="WriteState"/>. Thresholds are not part of the state: set them after.</summary>
    public static QualityEngine ReadState(Stream stream, QualityEngineOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (r.ReadInt32() != Magic)
        {
            throw new InvalidDataException("not a QualityStream engine state");
        }

        var version = r.ReadInt32();
        if (version != StateFormatVersion)
        {
            throw new InvalidDataException($"engine state format {version} is not supported (expected {StateFormatVersion})");
        }

        var engine = new QualityEngine(options, time, touchTables: false);
        var now = r.ReadInt64();
        engine.Seq = r.ReadInt64();
        var nextEvict = r.ReadInt64();
        if (now != long.MinValue)
        {
            engine.Start(now);
            engine._nextDuplicateEvict = nextEvict;
        }

        engine.ReadCells(r);
        engine.ReadLeads(r);
        var since = r.ReadInt64();
        var seen = new (ulong, ulong)[r.ReadInt32()];
        for (var i = 0; i < seen.Length; i++)
        {
            seen[i] = (r.ReadUInt64(), r.ReadUInt64());
        }

        engine._seenEvents.Import(since, seen);
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var feedback = ReadFeedback(r);
            engine._pending.Hold(Keys.Of(feedback.LeadId), feedback, null, r.ReadInt64());
        }

        var fingerprints = new System.Buffers.SequenceReader<byte>(new System.Buffers.ReadOnlySequence<byte>(r.ReadBytes(r.ReadInt32())));
        engine._duplicates = DuplicateIndex.ReadFrom(ref fingerprints);
        engine.PreSize();
        engine.TouchTables();
        return engine;
    }

    private void ReadCells(BinaryReader r)
    {
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var scope = (CellScope)r.ReadByte();
            var buyerId = ReadNullable(r);
            var sourceId = ReadNullable(r);
            var index = scope switch
            {
                CellScope.Buyer => _buyerCells[BuyerIndex(buyerId!)],
                CellScope.Source => SourceCell(sourceId!),
                _ => PairCell(BuyerIndex(buyerId!), buyerId!, SourceCell(sourceId!), sourceId!),
            };
            foreach (ref var s in StatesOf(index))
            {
                ReadMetricState(r, ref s);
            }
        }
    }

    private void ReadLeads(BinaryReader r)
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
            };
            lead.BuyerCell = _buyerCells[lead.Buyer];
            var slot = _leads.Add(lead);
            _newestLeadSec = Math.Max(_newestLeadSec, lead.DeliveredSec);
            for (var w = 0; w < _windows.Length; w++)
            {
                if (lead.DeliveredSec > _expiredThrough[w])
                {
                    Count(_leads[slot], w, 1);
                }
            }
        }
    }

    private static void WriteMetricState(BinaryWriter w, in MetricState s)
    {
        w.Write((byte)s.Status);
        w.Write(s.Insufficient);
        w.Write(s.BeyondWarnSince);
        w.Write(s.BeyondBreachSince);
        WriteNullable(w, s.IncidentId);
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
        }
    }

    private void ReadMetricState(BinaryReader r, ref MetricState s)
    {
        s.Status = (MetricStatus)r.ReadByte();
        s.Insufficient = r.ReadBoolean();
        s.BeyondWarnSince = r.ReadInt64();
        s.BeyondBreachSince = r.ReadInt64();
        s.IncidentId = ReadNullable(r);
        s.OpenedAtSec = r.ReadInt64();
        if (r.ReadBoolean())
        {
            var scope = r.ReadString();
            s.Threshold = new ResolvedThreshold(
                new Threshold(r.ReadString(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadInt32(), r.ReadInt32()), scope);
            s.WindowIndex = WindowIndex(s.Threshold.Threshold.Window);
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
