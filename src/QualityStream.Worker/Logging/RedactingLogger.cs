namespace QualityStream.Worker.Logging;

/// <summary>A logger whose messages and values are redacted before any provider sees them.</summary>
internal sealed class RedactingLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
        inner.BeginScope(new RedactedState(SecretRedactor.Redact(state.ToString() ?? ""), state as IEnumerable<KeyValuePair<string, object?>>));

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var redacted = new RedactedState(SecretRedactor.Redact(formatter(state, exception)), state as IEnumerable<KeyValuePair<string, object?>>);
        inner.Log(logLevel, eventId, redacted, exception, static (s, _) => s.Message);
    }
}
