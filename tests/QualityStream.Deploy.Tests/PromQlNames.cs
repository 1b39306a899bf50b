using System.Text.RegularExpressions;

namespace QualityStream.Deploy.Tests;

/// <summary>
/// The metric and label names a PromQL expression uses, found lexically: strings, ranges and matchers are
/// stripped, and what is left that is not a function, keyword or number is a metric name. Enough for the
/// expressions we write (no `{__name__=...}` tricks); promtool separately proves they parse.
/// </summary>
public static partial class PromQlNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "atan2", "inf", "nan",
    };

    public static IReadOnlySet<string> Metrics(string expr)
    {
        var bare = Grouping().Replace(Ranges().Replace(Matchers().Replace(Strings().Replace(expr, "\"\""), ""), ""), "");
        return Identifiers().Matches(bare)
            .Where(m => !FollowedByParenthesis(bare, m.Index + m.Length) && !Keywords.Contains(m.Value.ToLowerInvariant()))
            .Select(m => m.Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    public static IReadOnlySet<string> Labels(string expr)
    {
        var noStrings = Strings().Replace(expr, "\"\"");
        var inMatchers = Matchers().Matches(noStrings).SelectMany(m => MatcherLabel().Matches(m.Value).Select(l => l.Groups[1].Value));
        var inGrouping = Grouping().Matches(noStrings)
            .SelectMany(m => m.Groups["labels"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return inMatchers.Concat(inGrouping).ToHashSet(StringComparer.Ordinal);
    }

    private static bool FollowedByParenthesis(string text, int index)
    {
        while (index < text.Length && char.IsWhiteSpace(text[index]))
        {
            index++;
        }

        return index < text.Length && text[index] == '(';
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\[\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\((?<labels>[^()]*)\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifiers();

    [GeneratedRegex(@"([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)")]
    private static partial Regex MatcherLabel();
}
