using QualityStream.Core.Engine;
using QualityStream.Core.Notices;
using QualityStream.Worker.Pipeline;

namespace QualityStream.Worker.Checkpoints;

/// <summary>
/// A task's checkpoint, as one binary value: the offsets it reflects, where its outputs topics stood when it was written
/// (a restore reads back from there what was sent since), then the engine's state, the notice ledger's and, for the
/// task that hosts it, the source stage's.
/// </summary>
public sealed class TaskCheckpoint
{
    private const int Format = 1;
    private static readonly int Magic = BitConverter.ToInt32("QSCP"u8);

    public required int Partition { get; init; }

    public required long NextDelivery { get; init; }

    public required long NextFeedback { get; init; }

    /// <summary>For each outputs topic partition the task writes to, the offset its next record would have had.</summary>
    public required IReadOnlyList<OutputMark> Outputs { get; init; }

    public static byte[] Write(PartitionTask task, IReadOnlyList<OutputMark> outputs, SourceStage? sources)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(outputs);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Format);
            w.Write(task.Partition);
            w.Write(task.NextDelivery);
            w.Write(task.NextFeedback);
            w.Write(outputs.Count);
            foreach (var mark in outputs)
            {
                w.Write(mark.Topic);
                w.Write(mark.Partition);
                w.Write(mark.Offset);
            }

            w.Flush();
            task.Engine.WriteState(stream);
            task.Notices.WriteTo(w);
            w.Write(sources is not null);
            sources?.WriteTo(w);
        }

        return stream.ToArray();
    }

    /// <summary>Reads a checkpoint back into a task (and the source stage, if it carries one and one is given).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a checkpoint of this format.</exception>
    public static (TaskCheckpoint Header, PartitionTask Task) Read(byte[] bytes, string stream, QualityEngineOptions engine,
        NoticeOptions notices, TimeProvider time, SourceStage? sources)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var input = new MemoryStream(bytes, writable: false);
        using var r = new BinaryReader(input);
        if (r.ReadInt32() != Magic)
        {
            throw new InvalidDataException("not a QualityStream task checkpoint");
        }

        if (r.ReadInt32() is var format and not Format)
        {
            throw new InvalidDataException($"task checkpoint format {format} is not supported (expected {Format})");
        }

        var partition = r.ReadInt32();
        var (delivery, feedback) = (r.ReadInt64(), r.ReadInt64());
        var outputs = new OutputMark[r.ReadInt32()];
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = new OutputMark(r.ReadString(), r.ReadInt32(), r.ReadInt64());
        }

        var state = QualityEngine.ReadState(input, engine, time, stream);
        var ledger = NoticeLedger.ReadFrom(r, notices);
        if (r.ReadBoolean() && sources is not null)
        {
            sources.ReadFrom(r);
        }

        var header = new TaskCheckpoint { Partition = partition, NextDelivery = delivery, NextFeedback = feedback, Outputs = outputs };
        return (header, new PartitionTask(partition, state, ledger, delivery, feedback));
    }
}
