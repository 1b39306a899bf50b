using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace QualityStream.Worker.Settings;

/// <summary>
/// Start-up's settings check: every options class is bound and validated before anything starts, and what fails is
/// told in one line per setting, named as it is configured (<c>Kafka:MaxIdleMs</c>), instead of a stack trace.
/// </summary>
internal static partial class SettingErrors
{
    /// <summary>Every invalid setting, one line each; empty when start-up may go on.</summary>
    public static IReadOnlyList<string> Check(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures.Select(Describe)];
        }
        catch (AggregateException e)
        {
            return [.. e.InnerExceptions.SelectMany(i => i is OptionsValidationException v ? v.Failures.Select(Describe) : [OneLine(i.Message)])];
        }
        catch (InvalidOperationException e)
        {
            return [Binding(e.Message)];
        }
    }

    /// <summary>A data-annotation failure names the class and member; say it as the setting's configuration path.</summary>
    private static string Describe(string failure)
    {
        var m = Annotation().Match(failure);
        if (!m.Success)
        {
            return OneLine(failure);
        }

        var section = typeof(SettingErrors).Assembly.GetTypes().FirstOrDefault(t => t.Name == m.Groups["type"].Value)
            ?.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;
        var setting = section is null ? m.Groups["member"].Value : $"{section}:{m.Groups["member"].Value.Replace('.', ':')}";
        var error = m.Groups["error"].Value;
        return OneLine(error.StartsWith(setting, StringComparison.Ordinal) ? error : $"{setting}: {error}");
    }

    /// <summary>"Failed to convert configuration value 'x' at 'Kafka:MaxIdleMs' to type 'System.Int32'." said as the setting.</summary>
    private static string Binding(string message)
    {
        var m = Conversion().Match(message);
        return m.Success
            ? $"{m.Groups["setting"].Value}: '{m.Groups["value"].Value}' is not a valid {m.Groups["type"].Value.Split('.')[^1]}"
            : OneLine(message);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<setting>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex Conversion();

    [GeneratedRegex(@"^DataAnnotation validation failed for '(?<type>\w+)' members: '(?<member>[\w.]+)' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex Annotation();
}
