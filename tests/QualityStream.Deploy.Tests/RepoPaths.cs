namespace QualityStream.Deploy.Tests;

/// <summary>Finds the repository root from the test binaries, so the files under test are the committed ones.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Of(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QualityStream.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No QualityStream.sln above {AppContext.BaseDirectory}");
    }
}
