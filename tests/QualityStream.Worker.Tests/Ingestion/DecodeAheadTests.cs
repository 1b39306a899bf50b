using System.Text;
using Confluent.Kafka;
using QualityStream.Core.Decoding;
using QualityStream.Worker.Ingestion;
using QualityStream.Worker.Pipeline;

namespace QualityStream.Worker.Tests.Ingestion;

public class DecodeAheadTests
{
    private static readonly byte[] Delivery = Encoding.UTF8.GetBytes(
        """{"eventId":"d-1","leadId":"L-1","buyerId":"acme","sourceId":"fb-1","vertical":"auto_insurance","deliveredAt":"2026-11-23T08:15:02Z","consumer":{"firstName":"Ana","lastName":"Diaz","phone":"+15125550143","email":"ana@example.com","postalCode":"78701","state":"TX","country":"US"}}""");

    private static readonly byte[] Feedback = Encoding.UTF8.GetBytes(
        """{"eventId":"f-1","leadId":"L-1","buyerId":"acme","type":"contact_attempt","occurredAt":"2026-11-23T08:16:40Z","outcome":"contacted"}""");

    [Fact]
    public async Task EveryMessageOfASubmittedBatch_IsPrepared_BeforeTheBatchCountsAsPrepared()
    {
        using var decode = new DecodeAhead(new EventPreparer(TimeProvider.System));
        var batch = new List<Inbound> { Message(Delivery, delivery: true), Message(Feedback, delivery: false), Message("{"u8.ToArray(), delivery: false) };

        decode.Submit(batch);
        await Poll.UntilAsync(() => decode.PreparedThrough == 1, TimeSpan.FromSeconds(10), "the batch to be prepared");

        Assert.Equal("L-1", batch[0].Prepared.Lead.Lead.LeadId);
        Assert.Equal("f-1", batch[1].Prepared.Feedback?.EventId);
        Assert.Equal(RejectionReason.MalformedJson, batch[2].Prepared.Reason);
        Assert.False(decode.Pending);
    }

    [Fact]
    public void Batches_CountAsPrepared_InTheOrderTheyWereSubmitted()
    {
        using var decode = new DecodeAhead(new EventPreparer(TimeProvider.System));
        var batches = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 200).Select(_ => Message(Delivery, delivery: true)).ToList()).ToList();

        foreach (var batch in batches)
        {
            decode.Submit(batch);
        }

        Assert.True(decode.Full);
        while (decode.Pending)
        {
            var through = decode.PreparedThrough;
            Assert.All(batches.Take((int)through).SelectMany(b => b), m => Assert.NotNull(m.Prepared.Lead.Lead));
            decode.WaitForProgress(TimeSpan.FromSeconds(10));
        }

        Assert.Equal([1L, 2L, 3L, 4L], batches.Select(b => b[0].Batch));
    }

    private static Inbound Message(byte[] value, bool delivery) =>
        new(new ConsumeResult<byte[], byte[]> { Message = new Message<byte[], byte[]> { Value = value } }, delivery, 0, 0);
}
