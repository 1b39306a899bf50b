using System.Net.Http.Headers;
using System.Net.Http.Json;
using QualityStream.Core.Serialization;
using QualityStream.Core.Snapshots;
using QualityStream.Harness.Infrastructure;

namespace QualityStream.Harness.Restore;

/// <summary>
/// What a worker's <c>/api/snapshot</c> holds, in sums that any lost or doubled event would change: cell × window
/// entries, and every metric's denominator (samples) and numerator, summed over them, each also by scope.
/// </summary>
public sealed record SnapshotTotals(long Cells, long Samples, long Numerators, string ByScope)
{
    /// <summary>Reads the snapshot with the board key (<see cref="ApiKeys.AddBoardAsync"/> must have added it).</summary>
    public static async Task<SnapshotTotals> ReadAsync(Uri worker)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(worker, "/api/snapshot"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKeys.Board);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var snapshot = await response.Content.ReadFromJsonAsync(QualityJsonContext.Default.QualitySnapshot)
            ?? throw new InvalidOperationException("the worker answered an empty snapshot");
        var byScope = string.Join(", ", snapshot.Cells.GroupBy(c => c.Scope).OrderBy(g => g.Key)
            .Select(g => $"{g.Key} {g.Count():N0}/{SumSamples(g):N0}/{SumNumerators(g):N0}"));
        return new SnapshotTotals(snapshot.Cells.Count, SumSamples(snapshot.Cells), SumNumerators(snapshot.Cells), byScope);
    }

    private static long SumSamples(IEnumerable<CellSnapshot> cells) => cells.SelectMany(c => c.Metrics.Values).Sum(m => m.Denominator);

    private static long SumNumerators(IEnumerable<CellSnapshot> cells) => cells.SelectMany(c => c.Metrics.Values).Sum(m => m.Numerator);

    public override string ToString() => $"{Cells:N0} cells, {Samples:N0} samples, {Numerators:N0} in numerators (cells/samples/numerators by scope: {ByScope})";
}
