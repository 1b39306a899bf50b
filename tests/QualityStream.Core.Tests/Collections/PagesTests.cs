using QualityStream.Core.Collections;

namespace QualityStream.Core.Tests.Collections;

/// <summary>Touching a table's pages at start must not change it: the engine also touches tables restored from a checkpoint.</summary>
public class PagesTests
{
    [Fact]
    public void Touch_KeepsEveryElement()
    {
        var bytes = Enumerable.Range(0, (3 * 4096) + 17).Select(i => (byte)((i * 7) + 1)).ToArray();
        var triples = Enumerable.Range(0, 5000).Select(i => ((long)i, i * 3L, i * 5L)).ToArray();
        var expectedBytes = (byte[])bytes.Clone();
        var expectedTriples = ((long, long, long)[])triples.Clone();

        Pages.Touch(bytes);
        Pages.Touch(triples);
        Pages.Touch(Array.Empty<long>());

        Assert.Equal(expectedBytes, bytes);
        Assert.Equal(expectedTriples, triples);
    }
}
