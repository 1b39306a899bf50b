using System.Collections;
using System.Globalization;

namespace QualityStream.Worker.Logging;

/// <summary>
/// A log entry's state after redaction: the formatted message, and the structured values (which some providers write
/// out as well) with every value that is not a plain number turned into redacted text.
/// </summary>
internal sealed class RedactedState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _values;

    public RedactedState(string message, IEnumerable<KeyValuePair<string, object?>>? values)
    {
        Message = message;
        _values = values is null ? [] : [.. values.Select(v => new KeyValuePair<string, object?>(v.Key, Redacted(v.Value)))];
    }

    public string Message { get; }

    public int Count => _values.Length;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message;

    private static object? Redacted(object? value) => value switch
    {
        null or bool or int or long or double or float or decimal or short or byte or uint or ulong => value,
        IFormattable formattable => SecretRedactor.Redact(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => SecretRedactor.Redact(value.ToString() ?? ""),
    };
}
