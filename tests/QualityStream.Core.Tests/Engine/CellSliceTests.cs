using System.Text.Json;
using QualityStream.Core.Serialization;
using QualityStream.Core.Snapshots;
using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Tests.Engine;

public sealed class CellSliceTests
{
    [Fact]
    public void Slices_read_one_after_another_give_the_snapshots_cells_in_its_order()
    {
        var h = new EngineHarness();
        h.Deliver(valid: 5, invalid: 2);
        h.Deliver(valid: 3, buyer: "beta-home", source: "gg-search-2");
        h.Deliver(valid: 1, buyer: "beta-home", source: "fb-camp-7");
        var cells = h.Engine.CellCount;

        var sliced = new List<CellSnapshot>();
        for (var first = 0; first < cells; first += 2)
        {
            sliced.AddRange(h.Engine.CellSlice(first, 2));
        }

        // Records holding dictionaries compare by reference: compare them as the contract writes them.
        Assert.Equal(Json(h.Engine.Snapshot().Cells), Json(sliced));
        Assert.Equal(cells * 2, sliced.Count);
    }

    [Fact]
    public void A_slice_keeps_only_the_cells_and_windows_the_filter_asks_for()
    {
        var h = new EngineHarness();
        h.Deliver(valid: 2);
        h.Deliver(valid: 2, buyer: "beta-home", source: "gg-search-2");

        var slice = h.Engine.CellSlice(0, h.Engine.CellCount, new SnapshotFilter(BuyerId: "beta-home", Window: "1h"));

        Assert.Equal([CellScope.Buyer, CellScope.BuyerSource], slice.Select(c => c.Scope).Order());
        Assert.All(slice, c => Assert.Equal(("beta-home", "1h"), (c.BuyerId, c.Window)));
    }

    [Fact]
    public void A_slice_past_the_last_cell_is_empty()
    {
        var h = new EngineHarness();
        h.Deliver(valid: 1);

        Assert.Empty(h.Engine.CellSlice(h.Engine.CellCount, 10));
    }

    private static string Json(IReadOnlyList<CellSnapshot> cells) =>
        JsonSerializer.Serialize(new QualitySnapshot(DateTimeOffset.UnixEpoch, new Dictionary<string, long>(), cells, []), QualityJsonContext.Default.QualitySnapshot);
}
