using System.Diagnostics.CodeAnalysis;
using QualityStream.Worker.Auth;

namespace QualityStream.Worker.Cli;

/// <summary>Parses <c>keys create|list|revoke</c> by hand, as the simulator does: a dependency would be bigger than the parser.</summary>
public static class KeyCommandLine
{
    public const string Usage = """
        usage: keys create --role admin|board|buyer [--buyer BUYER_ID] [--name NAME]
               keys list
               keys revoke ID
        Creates, lists and revokes the worker's API keys in Redis, found through the worker's own configuration
        (Redis:Configuration and Redis:KeyPrefix in appsettings.json or the environment, e.g. Redis__Configuration=redis:6379).
        A new key is printed once; Redis keeps only its SHA-256 hash, with the role, buyer, name and creation time.
        A buyer key needs --buyer (1-64 characters of A-Z a-z 0-9 . _ -). ID is the first 12 hex characters of the key's
        hash, as `keys list` shows it. From the source tree: dotnet run --project src/QualityStream.Worker -- keys list
        Exit codes: 0 done, 1 failed (Redis unreachable, no such key), 2 bad arguments.

        """;

    private static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        ["role"] = "--role",
        ["buyerId"] = "--buyer",
        ["name"] = "--name",
    };

    /// <summary>The command in <paramref name="args"/> (the words after <c>keys</c>), or one line naming what is wrong.</summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out KeyCommandArgs? parsed, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        parsed = null;
        error = null;
        if (args.Any(a => a is "--help" or "-h") || args is ["help", ..])
        {
            parsed = new KeyCommandArgs(KeyCommandVerb.Help);
            return true;
        }

        switch (args)
        {
            case []:
                error = "keys: expected create, list or revoke (keys --help shows the usage)";
                return false;
            case ["create", ..]:
                return TryParseCreate(args.Skip(1).ToList(), out parsed, out error);
            case ["list"]:
                parsed = new KeyCommandArgs(KeyCommandVerb.List);
                return true;
            case ["list", var extra, ..]:
                error = $"list: takes no arguments; got '{extra}'";
                return false;
            case ["revoke", var id] when ApiKeyRegistry.IsId(id):
                parsed = new KeyCommandArgs(KeyCommandVerb.Revoke, Id: id);
                return true;
            case ["revoke", var id]:
                error = $"revoke: '{id}' is not a key id: the {ApiKeys.IdLength} hex characters `keys list` shows";
                return false;
            case ["revoke", ..]:
                error = "revoke: expected exactly one key id (`keys list` shows them)";
                return false;
            default:
                error = $"keys: unknown command '{args[0]}'; expected create, list or revoke";
                return false;
        }
    }

    private static bool TryParseCreate(List<string> args, [NotNullWhen(true)] out KeyCommandArgs? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                error = $"create: unexpected argument '{arg}'";
                return false;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var flag = equals < 0 ? arg : arg[..equals];
            if (!Flags.ContainsValue(flag))
            {
                error = $"create: unknown option '{flag}'; expected --role, --buyer or --name";
                return false;
            }

            if (equals < 0 && (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                error = $"create: {flag} needs a value";
                return false;
            }

            if (!values.TryAdd(flag, equals < 0 ? args[++i] : arg[(equals + 1)..]))
            {
                error = $"create: {flag} is given twice";
                return false;
            }
        }

        var request = new ApiKeyRequest(values.GetValueOrDefault("--role"), values.GetValueOrDefault("--buyer"), values.GetValueOrDefault("--name"));
        if (!request.TryValidate(out var access, out var errors))
        {
            error = $"create: {Flags[errors[0].Field]}: {errors[0].Message}";
            return false;
        }

        parsed = new KeyCommandArgs(KeyCommandVerb.Create, access);
        error = null;
        return true;
    }
}
