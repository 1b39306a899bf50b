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
        _cells.Add(new Cell(index, scope, buyerId, sourceId));
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

    private void Touch(in LeadSlot lead)
    {
        Touch(_cells[lead.BuyerCell]);
        Touch(_cells[lead.SourceCell]);
        Touch(_cells[lead.BuyerSourceCell]);
    }

    private void Touch(Cell cell)
    {
        if (!cell.RatesDirty)
        {
            cell.RatesDirty = true;
            _rateDirty.Add(cell);
        }

        Enqueue(cell);
    }

    private void Enqueue(Cell cell)
    {
        if (!cell.EvalDirty)
        {
            cell.EvalDirty = true;
            _evalQueue.Add(cell);
        }
    }
}
