using QualityStream.Core.Collections;
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
        var key = Duplicates.DuplicateIndex.Key(buyer, (uint)sourceCell);
        var cell = _pairCells.Find(key);
        if (cell < 0)
        {
            cell = NewCell(CellScope.BuyerSource, buyerId, sourceId);
            _pairCells.Push(key, cell);
        }

        return cell;
    }

    private int NewCell(CellScope scope, string? buyerId, string? sourceId)
    {
        var index = _cells.Count;
        _cells.Add(new Cell(index, scope, buyerId, sourceId));
        if (index == _evalMask.Length)
        {
            Array.Resize(ref _evalMask, index * 2);
            Array.Resize(ref _ratesDirty, index * 2);
            Array.Resize(ref _counters, index * 2 * _windows.Length);
            Array.Resize(ref _reasons, index * 2 * _windows.Length);
            Array.Resize(ref _judgedOn, index * 2 * _windows.Length);
            Array.Resize(ref _states, index * 2 * MetricCount);
        }

        StatesOf(index).Fill(new MetricState());
        // Until its thresholds are resolved, a cell may judge any metric on any window.
        _judgedOn.AsSpan(index * _windows.Length, _windows.Length).Fill(AllMetrics);
        // Every metric is judged once at birth, so each shows its threshold even before its own counters move.
        Enqueue(index);
        return index;
    }

    /// <summary>Adds (sign 1) or removes (sign -1) a lead's counts in the three cells it belongs to, on one window.</summary>
    private void Count(in LeadSlot lead, int window, long sign)
    {
        Counters(lead.BuyerCell, window).Add(lead.Flags, sign);
        Counters(lead.SourceCell, window).Add(lead.Flags, sign);
        Counters(lead.BuyerSourceCell, window).Add(lead.Flags, sign);
        CountReason(lead, lead.Flags, window, sign);
    }

    private void CountReason(in LeadSlot lead, LeadFlags flags, int window, long sign)
    {
        if ((flags & LeadFlags.Returned) != 0)
        {
            Reasons(lead.BuyerCell, window)[lead.ReturnReason] += sign;
            Reasons(lead.SourceCell, window)[lead.ReturnReason] += sign;
            Reasons(lead.BuyerSourceCell, window)[lead.ReturnReason] += sign;
        }
    }

    /// <summary>
    /// Marks the lead's three cells as changed on <paramref name="window"/> in the metrics of <paramref name="metrics"/>
    /// (a bit per <see cref="Metric"/>). Only the metrics a cell judges on that window are queued: the others' states
    /// cannot move, since a state depends on its own window's counters alone.
    /// </summary>
    private void Touch(in LeadSlot lead, int metrics, int window)
    {
        Touch(lead.BuyerCell, metrics, window);
        Touch(lead.SourceCell, metrics, window);
        Touch(lead.BuyerSourceCell, metrics, window);
    }

    private void Touch(int cell, int metrics, int window)
    {
        if (!_ratesDirty[cell])
        {
            _ratesDirty[cell] = true;
            _rateDirtyCells.Add(cell);
        }

        Enqueue(cell, metrics & _judgedOn[(cell * _windows.Length) + window]);
    }

    private void Enqueue(int cell, int metrics = AllMetrics)
    {
        if (metrics == 0)
        {
            return;
        }

        if (_evalMask[cell] == 0)
        {
            _evalQueue.Add(cell);
            // Judging reads all four states (224 bytes), usually not in cache for a buyer×source cell: start those
            // loads now, so that they overlap with the rest of the event and with each other.
            Prefetch.Lines<MetricState>(StatesOf(cell));
        }

        _evalMask[cell] |= metrics;
    }
}
