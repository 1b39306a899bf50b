using System.Text.RegularExpressions;

namespace QualityStream.Worker.Tests.Architecture;

/// <summary>The repository's source files, read from the tree the tests were built from.</summary>
internal static partial class SourceTree
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// Which top-level folders of a project each folder uses: through <c>using</c> directives, qualified names, and
    /// the types of the project's root namespace (visible from every folder without a directive).
    /// </summary>
    public static Dictionary<string, HashSet<string>> FolderDependencies(string project)
    {
        var dir = Path.Combine(Root, "src", project);
        var files = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Folder: FolderOf(dir, f), Text: File.ReadAllText(f)))
            .ToList();
        var rootTypes = files.Where(f => f.Folder == RootFolder)
            .SelectMany(f => TypeDeclaration().Matches(f.Text).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);
        var qualified = new Regex($@"\b{Regex.Escape(project)}\.(?<folder>\w+)", RegexOptions.None, TimeSpan.FromSeconds(1));
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (folder, text) in files)
        {
            var uses = graph.TryGetValue(folder, out var set) ? set : graph[folder] = new HashSet<string>(StringComparer.Ordinal);
            var code = Comment().Replace(text, "");
            uses.UnionWith(qualified.Matches(code).Select(m => m.Groups["folder"].Value));
            if (folder != RootFolder && rootTypes.Any(t => Regex.IsMatch(code, $@"\b{t}\b", RegexOptions.None, TimeSpan.FromSeconds(1))))
            {
                uses.Add(RootFolder);
            }

            uses.Remove(folder);
        }

        return graph;
    }

    public const string RootFolder = "(root)";

    /// <summary>A cycle in the graph as "A → B → A", or null.</summary>
    public static string? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        string? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return string.Join(" → ", path.SkipWhile(p => p != next).Append(next));
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        return graph.Keys.Where(k => state.GetValueOrDefault(k) == 0).Select(Visit).FirstOrDefault(c => c is not null);
    }

    private static string FolderOf(string projectDir, string file)
    {
        var relative = Path.GetRelativePath(projectDir, file).Split(Path.DirectorySeparatorChar);
        return relative.Length == 1 ? RootFolder : relative[0];
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QualityStream.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("QualityStream.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex Comment();
}
