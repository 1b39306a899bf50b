namespace QualityStream.Worker.Settings;

/// <summary>Settings that stop start-up; each of <see cref="Problems"/> names a setting and what is wrong with it, in one line.</summary>
public sealed class InvalidSettingException(IReadOnlyList<string> problems) : Exception(string.Join("; ", problems))
{
    public InvalidSettingException(string problem)
        : this([problem])
    {
    }

    public IReadOnlyList<string> Problems { get; } = problems;
}
