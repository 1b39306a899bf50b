namespace QualityStream.Deploy.Tests;

public sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n{Stdout}\n{Stderr}";
}
