using System.Text.Json;
using System.Text.Json.Nodes;
using QualityStream.Core.Notices;
using QualityStream.Core.Serialization;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Serialization;

public class QualityJsonContextTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 8, 20, 0, TimeSpan.Zero);
    private static readonly ThresholdLevels Levels = new(0.5, 0.4, 0.55);

    private static string[] Keys(JsonNode? node) => [.. node!.AsObject().Select(p => p.Key)];

    [Fact]
    public void QualityStateChanged_MatchesContractExampleExactly()
    {
        const string contract = """
            { "seq": 1042, "incidentId": "inc-1", "metric": "contact", "window": "1h",
              "scope": "buyer_source", "buyerId": "acme-auto", "sourceId": "fb-camp-7",
              "from": "ok", "to": "breach", "rate": 0.37, "sample": 212,
              "threshold": { "warn": 0.5, "breach": 0.4, "clear": 0.55 }, "thresholdScope": "buyer:acme-auto",
              "at": "2026-11-23T08:20:00Z", "stream": "p7", "reason": "rate" }
            """;
        var change = new QualityStateChanged(1042, "inc-1", Metric.Contact, "1h", CellScope.BuyerSource, "acme-auto", "fb-camp-7",
            MetricStatus.Ok, MetricStatus.Breach, 0.37, 212, Levels, "buyer:acme-auto", At, "p7", StateChangeReason.Rate);

        var json = JsonSerializer.Serialize(change, QualityJsonContext.Default.QualityStateChanged);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(contract), JsonNode.Parse(json)), json);
        Assert.Equal(change, JsonSerializer.Deserialize(json, QualityJsonContext.Default.QualityStateChanged));
    }

    [Fact]
    public void QualitySnapshot_HasContractShapeAndWritesNullRate()
    {
        var metrics = new Dictionary<string, MetricSnapshot>
        {
            ["validity"] = new(0.93, 186, 200, "ok", new ThresholdLevels(0.92, 0.85, 0.94), "default", Interval: new(0.887, 0.958, 0.95)),
            ["contact"] = new(null, 0, 0, null, null, null),
        };
        var returns = new ReturnBreakdown(new Dictionary<string, long> { ["invalid_phone"] = 2 }, new Dictionary<string, long> { ["accepted"] = 2 }, 1);
        var snapshot = new QualitySnapshot(At, new Dictionary<string, long> { ["p7"] = 1042, ["sources"] = 3 },
            [new CellSnapshot(CellScope.BuyerSource, "acme-auto", "fb-camp-7", "1h", metrics, returns, new Dictionary<string, long> { ["invalid_phone"] = 14 })],
            [new IncidentSnapshot("inc-1", Metric.Contact, "1h", CellScope.BuyerSource, "acme-auto", "fb-camp-7", MetricStatus.Breach, At)]);

        var node = JsonNode.Parse(JsonSerializer.Serialize(snapshot, QualityJsonContext.Default.QualitySnapshot))!;

        Assert.Equal(["asOf", "streams", "cells", "incidents", "buyers"], Keys(node));
        Assert.Equal("2026-11-23T08:20:00Z", node["asOf"]!.GetValue<string>());
        Assert.Equal((1042L, 3L), (node["streams"]!["p7"]!.GetValue<long>(), node["streams"]!["sources"]!.GetValue<long>()));
        var cell = node["cells"]![0];
        Assert.Equal(["scope", "buyerId", "sourceId", "window", "metrics", "returns", "invalidReasons", "revenue"], Keys(cell));
        Assert.Equal(14, cell!["invalidReasons"]!["invalid_phone"]!.GetValue<long>());
        Assert.Equal(["validity", "contact"], Keys(cell!["metrics"]));
        var validity = cell["metrics"]!["validity"];
        Assert.Equal(["rate", "numerator", "denominator", "state", "threshold", "thresholdScope", "heldState", "interval"], Keys(validity));
        Assert.Equal(["warn", "breach", "clear"], Keys(validity!["threshold"]));
        Assert.Equal(["low", "high", "confidence"], Keys(validity["interval"]));
        var contact = cell["metrics"]!["contact"]!.AsObject();
        Assert.True(contact.ContainsKey("rate"));
        Assert.Null(contact["rate"]);
        Assert.Equal(["byReason", "byPolicy", "lateReturns"], Keys(cell["returns"]));
        Assert.Equal(["incidentId", "metric", "window", "scope", "buyerId", "sourceId", "state", "openedAt"], Keys(node["incidents"]![0]));
    }

    [Fact]
    public void RateUpdateArray_UsesCamelCaseAndNulls()
    {
        RateUpdate[] updates = [new(CellScope.Buyer, "acme-auto", null, "24h", Metric.Return, null, 0, 0, null)];
        var json = JsonSerializer.Serialize(updates, QualityJsonContext.Default.RateUpdateArray);
        Assert.Equal(
            """[{"scope":"buyer","buyerId":"acme-auto","sourceId":null,"window":"24h","metric":"return","rate":null,"numerator":0,"denominator":0,"state":null,"interval":null}]""",
            json);
    }

    [Fact]
    public void BuyerNotice_HasContractFields()
    {
        var notice = new BuyerNotice("ntc-inc-1-breach", "acme-auto", "inc-1", NoticeKind.Breach, Metric.Contact, "fb-camp-7", 0.37, 0.4, "msg", At);
        var json = JsonSerializer.Serialize(notice, QualityJsonContext.Default.BuyerNotice);
        Assert.Equal(
            """{"noticeId":"ntc-inc-1-breach","buyerId":"acme-auto","incidentId":"inc-1","kind":"breach","metric":"contact","sourceId":"fb-camp-7","rate":0.37,"threshold":0.4,"message":"msg","at":"2026-11-23T08:20:00Z"}""",
            json);
    }

    [Fact]
    public void Threshold_MatchesRedisFieldNames() =>
        Assert.Equal(
            """{"window":"1h","warn":0.7,"breach":0.6,"clear":0.72,"minSample":50,"pendingSeconds":300,"confidence":0.95}""",
            JsonSerializer.Serialize(new Threshold("1h", 0.7, 0.6, 0.72, 50, 300), QualityJsonContext.Default.Threshold));

    [Fact]
    public void Timestamp_WithOffset_IsWrittenInUtc()
    {
        var notice = new BuyerNotice("n", "b", "i", NoticeKind.Breach, Metric.Contact, null, null, 0.4, "m", new DateTimeOffset(2026, 11, 23, 10, 20, 0, 500, TimeSpan.FromHours(2)));
        var node = JsonNode.Parse(JsonSerializer.Serialize(notice, QualityJsonContext.Default.BuyerNotice))!;
        Assert.Equal("2026-11-23T08:20:00.5Z", node["at"]!.GetValue<string>());
    }
}
