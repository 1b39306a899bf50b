using System.Text.Json;

namespace QualityStream.Core.Tests.Engine;

/// <summary>The first item where two lists differ, as JSON: a readable label for a failing property.</summary>
internal static class JsonDiff
{
    public static string First<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual)
    {
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            var (e, a) = (i < expected.Count ? JsonSerializer.Serialize(expected[i]) : "(none)", i < actual.Count ? JsonSerializer.Serialize(actual[i]) : "(none)");
            if (e != a)
            {
                return $"#{i}: expected {e}{Environment.NewLine}#{i}: actual   {a}";
            }
        }

        return "(same)";
    }
}
