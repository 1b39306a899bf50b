using QualityStream.Core.Thresholds;

namespace QualityStream.Core.Engine;

public sealed partial class QualityEngine
{
    private int BuyerIndex(string buyerId)
    {
        if (_buyers.TryGetValue(buyerId, out var buyer))
        {
            return buyer;
        }

        buyer = _buyers.Count;
        _buyers.Add(buyerId, buyer);
        _buyerCells.Add(NewCell(CellScope.Buyer, buyerId, null));
        return buyer;
    }

    private int SourceCell(string sourceId)
    {
        if (!_sourceCells.TryGetValue(sourceId, out var cell))
        {
            cell = NewCell(CellScope.Source, null, sourceId);
            _sourceCells.Add(sourceId, cell);
        }

        return cell;
    }

    private int PairCell(int buyer, string buyerId, int sourceCell, string sourceId)
    {
        var key = ((long)buyer << 32) | (uint)sourceCell;
        if (!_pairCells.TryGetValue(key, out var cell))
        {
            cell = NewCell(CellScope.BuyerSource, buyerId, sourceId);
            _pairCells.Add(key, cell);
        }

        return cell;
    }

    private int NewCell(CellScope scope, string? buyerId, string? sourceId)
    {
        var index = _cells.Count;
        var cell = new Cell(index, scope, buyerId, sourceId);
        _cells.Add(cell);
        // Every metric is judged once at birth, so each shows its threshold even before its own counters move.
        Enqueue(cell);
        var needed = (index + 1) * _windows.Length;
        if (needed > _counters.Length)
        {
            Array.Resize(ref _counters, Math.Max(needed, _counters.Length * 2));
        }

        return index;
    }

    /// <summary>Adds (sign 1) or removes (sign -1) a lead's counts in the three cells it belongs to, on one window.</summary>
    private void Count(in LeadSlot lead, int window, long sign)
    {
        Counters(lead.BuyerCell, window).Add(lead.Flags, lead.ReturnReason, sign);
        Counters(lead.SourceCell, window).Add(lead.Flags, lead.ReturnReason, sign);
        Counters(lead.BuyerSourceCell, window).Add(lead.Flags, lead.ReturnReason, sign);
    }

    /// <summary>Marks the lead's three cells as changed in the metrics of <paramref name="metrics"/> (a bit per <see cref="Metric"/>).</summary>
    private void Touch(in LeadSlot lead, int metrics)
    {
        Touch(_cells[lead.BuyerCell], metrics);
        Touch(_cells[lead.SourceCell], metrics);
        Touch(_cells[lead.BuyerSourceCell], metrics);
    }

    private void Touch(Cell cell, int metrics)
    {
        if (!cell.RatesDirty)
        {
            cell.RatesDirty = true;
            _rateDirty.Add(cell);
        }

        Enqueue(cell, metrics);
    }

    private void Enqueue(Cell cell, int metrics = AllMetrics)
    {
        if (metrics == 0)
        {
            return;
        }

        if (cell.EvalMask == 0)
        {
            _evalQueue.Add(cell);
        }

        cell.EvalMask |= metrics;
    }
}
