using System.Globalization;
using System.Text;

namespace QualityStream.Harness.Cli;

/// <summary>
/// The one machine-readable line each scenario ends with: <c>bench &lt;scenario&gt; key=value ...</c>, invariant
/// culture, no spaces inside values, so <c>grep '^bench '</c> and a split on spaces and '=' read it back.
/// </summary>
public sealed class ResultLine(string scenario)
{
    private readonly StringBuilder _text = new StringBuilder("bench ").Append(scenario);
    private bool _emitted;

    public ResultLine Add(string key, double value, int decimals = 0) =>
        Add(key, value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    public ResultLine Add(string key, long value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    public ResultLine Add(string key, string value)
    {
        _text.Append(' ').Append(key).Append('=').Append(value.Replace(' ', '_'));
        return this;
    }

    /// <summary>
    /// Prints the line once. A scenario calls it before tearing down an in-process worker, so that a failure during
    /// shutdown cannot cost the measurement; the program calls it again, which then does nothing.
    /// </summary>
    public ResultLine Emit()
    {
        if (!_emitted)
        {
            Console.WriteLine(_text.ToString());
            Console.Out.Flush();
            _emitted = true;
        }

        return this;
    }

    public override string ToString() => _text.ToString();
}
