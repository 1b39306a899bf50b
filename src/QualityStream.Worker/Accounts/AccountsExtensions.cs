using Microsoft.Extensions.Options;
using QualityStream.Core.Engine;

namespace QualityStream.Worker.Accounts;

public static class AccountsExtensions
{
    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AccountsOptions>, AccountsWindowValidator>();
        builder.Services.AddSingleton<AccountHealthReader>();
    }

    /// <summary><c>Accounts:Window</c> must be one of the windows the engine counts.</summary>
    private sealed class AccountsWindowValidator(IOptions<QualityEngineOptions> quality) : IValidateOptions<AccountsOptions>
    {
        public ValidateOptionsResult Validate(string? name, AccountsOptions options) =>
            options.Window is { Length: > 0 } window && !quality.Value.WindowNames.Contains(window, StringComparer.Ordinal)
                ? ValidateOptionsResult.Fail($"Accounts:Window must be one of Quality:Windows ({string.Join(", ", quality.Value.WindowNames)}); got \"{window}\"")
                : ValidateOptionsResult.Success;
    }
}
