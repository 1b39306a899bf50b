using QualityStream.Worker.Auth;

namespace QualityStream.Worker.Cli;

/// <summary>A valid <c>keys</c> command line: what to do, with the validated access of a new key or the id to revoke.</summary>
public sealed record KeyCommandArgs(KeyCommandVerb Verb, ApiKeyRecord? Access = null, string? Id = null);
