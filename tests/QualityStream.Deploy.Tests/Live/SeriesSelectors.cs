using System.Text.RegularExpressions;

namespace QualityStream.Deploy.Tests.Live;

/// <summary>
/// The series selectors inside an expression (<c>metric{matchers}</c>, without range or comparison), so each can be
/// asked on its own whether the worker exports such series. A comparison or `or vector(0)` can make a whole
/// expression empty or non-empty regardless of names; a bare selector cannot.
/// </summary>
public static class SeriesSelectors
{
    public static IReadOnlySet<string> In(string expr) =>
        PromQlNames.Metrics(expr)
            .SelectMany(name => Regex.Matches(expr, $@"(?<![\w:""]){Regex.Escape(name)}(?![\w:])(?:\s*\{{[^{{}}]*\}})?").Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);
}
