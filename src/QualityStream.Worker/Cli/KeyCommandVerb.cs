namespace QualityStream.Worker.Cli;

public enum KeyCommandVerb
{
    Help,
    Create,
    List,
    Revoke,
}
