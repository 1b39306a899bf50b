namespace QualityStream.Worker.Auth;

public enum ApiKeyRevocationOutcome
{
    Revoked,

    /// <summary>No key's hash starts with the id.</summary>
    NotFound,

    /// <summary>Several keys' hashes start with the id; a longer prefix of the hash tells them apart.</summary>
    Ambiguous,
}
