using System.Xml.Linq;

namespace QualityStream.Worker.Tests.Architecture;

/// <summary>
/// The house rules of STYLE.md that a compiler does not check: folders do not import each other in circles, and the
/// production worker holds the product only.
/// </summary>
public sealed class FolderDependencyTests
{
    [Theory]
    [InlineData("QualityStream.Core")]
    [InlineData("QualityStream.Worker")]
    public void NoFolderOfAProject_DependsOnItselfThroughOthers(string project)
    {
        var graph = SourceTree.FolderDependencies(project);

        Assert.True(graph.Count > 5, $"the tree of {project} was read ({graph.Count} folders)");
        Assert.Null(SourceTree.FindCycle(graph));
    }

    [Fact]
    public void TheCycleFinder_FindsACycleThroughThreeFolders()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B"],
            ["B"] = ["C"],
            ["C"] = ["A"],
            ["D"] = ["A"],
        };

        Assert.Equal("A → B → C → A", SourceTree.FindCycle(graph));
    }

    [Fact]
    public void TheEngine_UsesNothingOfTheWorker()
    {
        var core = File.ReadAllText(Path.Combine(SourceTree.Root, "src", "QualityStream.Core", "QualityStream.Core.csproj"));

        Assert.DoesNotContain("ProjectReference", core, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWorker_ReferencesNeitherTheSimulatorNorTheEmbeddedBroker_AndGivesNoBenchmarkItsInternals()
    {
        var worker = XDocument.Load(Path.Combine(SourceTree.Root, "src", "QualityStream.Worker", "QualityStream.Worker.csproj"));

        var references = worker.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)).ToList();
        var friends = worker.Descendants("InternalsVisibleTo").Select(r => r.Attribute("Include")!.Value).ToList();
        Assert.Equal(["QualityStream.Core"], references);
        Assert.All(friends, f => Assert.EndsWith(".Tests", f, StringComparison.Ordinal));
    }
}
