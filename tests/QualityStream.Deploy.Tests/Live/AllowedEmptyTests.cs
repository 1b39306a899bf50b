namespace QualityStream.Deploy.Tests.Live;

public sealed class AllowedEmptyTests
{
    [Fact]
    public void AllowedEmpty_NamesOnlyShippedExpressions()
    {
        // A renamed rule or panel must not leave a stale exemption behind that would excuse some other expression.
        var origins = PromQlExpressions.CollectAll().Select(e => e.Origin).ToHashSet(StringComparer.Ordinal);

        Assert.All(AllowedEmpty.Origins.Keys, origin => Assert.Contains(origin, origins));
    }
}
