using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace QualityStream.Core.Tests.Collections;

/// <summary>
/// The engine project allows unsafe code for one reason: the CPU prefetch hint takes a pointer. Anything else unsafe
/// (pointer arithmetic, fixed buffers) would need its own review, so it fails here rather than slip in unnoticed.
/// </summary>
public partial class UnsafeCodeTests
{
    [Fact]
    public void CoreSource_UsesUnsafeOnlyInThePrefetchHint()
    {
        var core = Path.GetFullPath(Path.Combine(SourceDirectory(), "..", "..", "..", "src", "QualityStream.Core"));
        Assert.True(Directory.Exists(core), $"engine sources not found at {core}");

        var users = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => UnsafeKeyword().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(core, f))
            .ToList();

        Assert.Equal([Path.Combine("Collections", "Prefetch.cs")], users);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    // The keyword in code, not in comments or words such as "unsafely".
    [GeneratedRegex(@"^(?!\s*//).*\bunsafe\b", RegexOptions.Multiline)]
    private static partial Regex UnsafeKeyword();
}
