using Microsoft.Extensions.Options;
using QualityStream.Core.Engine;

namespace QualityStream.Worker.Pipeline;

/// <summary>Fails start-up with every broken <c>Quality:*</c> rule, each naming its setting.</summary>
public sealed class QualityOptionsValidator : IValidateOptions<QualityEngineOptions>
{
    public ValidateOptionsResult Validate(string? name, QualityEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
