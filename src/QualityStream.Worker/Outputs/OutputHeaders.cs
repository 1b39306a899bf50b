using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace QualityStream.Worker.Outputs;

/// <summary>The headers every output carries, read back by a restored task (<c>qs-stream</c>, <c>qs-seq</c>, <c>qs-input</c>).</summary>
public static class OutputHeaders
{
    public const string Stream = "qs-stream";
    public const string Seq = "qs-seq";
    public const string Input = "qs-input";

    public static Headers Of(string stream, long? seq, string input)
    {
        var headers = new Headers { { Stream, Encoding.UTF8.GetBytes(stream) }, { Input, Encoding.UTF8.GetBytes(input) } };
        if (seq is { } s)
        {
            headers.Add(Seq, Encoding.UTF8.GetBytes(s.ToString(CultureInfo.InvariantCulture)));
        }

        return headers;
    }

    public static string? Text(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
