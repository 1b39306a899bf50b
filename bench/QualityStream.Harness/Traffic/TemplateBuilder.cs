using System.Text;

namespace QualityStream.Harness.Traffic;

/// <summary>Builds a JSON template as UTF-8 text with fixed-width slots whose offsets are remembered for patching.</summary>
internal sealed class TemplateBuilder
{
    private readonly List<byte> _bytes = new(512);

    public TemplateBuilder Text(string text)
    {
        _bytes.AddRange(Encoding.UTF8.GetBytes(text));
        return this;
    }

    /// <summary>Appends <paramref name="width"/> placeholder digits and returns where they start.</summary>
    public int Slot(int width)
    {
        var at = _bytes.Count;
        for (var i = 0; i < width; i++)
        {
            _bytes.Add((byte)'0');
        }

        return at;
    }

    public byte[] Build() => [.. _bytes];
}
