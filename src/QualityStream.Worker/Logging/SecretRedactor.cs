using System.Text.RegularExpressions;

namespace QualityStream.Worker.Logging;

/// <summary>
/// Removes API keys from log text: the hub's <c>?access_token=</c>, the board link's <c>?key=</c> and bearer tokens
/// (contract §7: keys never appear in logs). Applied to every message and every logged value, whatever its level.
/// </summary>
public static partial class SecretRedactor
{
    public const string Mask = "[redacted]";

    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Most lines hold neither: skip the regular expressions for them.
        if (!text.Contains('=', StringComparison.Ordinal) && !text.Contains("earer", StringComparison.Ordinal))
        {
            return text;
        }

        return Bearer().Replace(QueryKey().Replace(text, "$1=" + Mask), "$1" + Mask);
    }

    [GeneratedRegex(@"(?i)\b(access_token|key)=[^&\s""'#]+")]
    private static partial Regex QueryKey();

    [GeneratedRegex(@"(?i)\b(bearer\s+)[^\s""',;]+")]
    private static partial Regex Bearer();
}
