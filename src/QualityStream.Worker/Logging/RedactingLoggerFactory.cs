namespace QualityStream.Worker.Logging;

/// <summary>
/// Wraps the host's logger factory so that every logger, of every category and provider (the hosting layer's request
/// lines included), hands its providers redacted text (<see cref="SecretRedactor"/>). Filters and providers stay the
/// factory's own.
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
