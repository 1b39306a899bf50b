namespace QualityStream.Worker.Thresholds;

/// <summary>
/// The windows a threshold may name (<c>Quality:Windows</c>, default 1h and 24h). Read straight from configuration so
/// thresholds are validated against the same list the engine uses, whoever binds the rest of the <c>Quality</c> section.
/// </summary>
public sealed class ThresholdWindows
{
    public static readonly IReadOnlyList<string> Defaults = ["1h", "24h"];

    public ThresholdWindows(IReadOnlyList<string> all) => All = all.Count == 0 ? Defaults : all;

    public IReadOnlyList<string> All { get; }

    /// <summary>Accepts the array form (<c>Quality:Windows:0=1h</c>) and a comma list (<c>Quality__Windows=1h,24h</c>).</summary>
    public static ThresholdWindows From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Quality:Windows");
        var values = section.Value is { Length: > 0 } single
            ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToArray();
        return new ThresholdWindows(values);
    }
}
