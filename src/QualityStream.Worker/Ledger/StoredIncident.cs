namespace QualityStream.Worker.Ledger;

/// <summary>
/// An incident as stored in Redis: the record and, per stream, the last seq applied to it, so a change delivered again
/// (a redelivery, a projector restarted before its commit) is recognised and changes nothing.
/// </summary>
public sealed record StoredIncident(IncidentRecord Incident, IReadOnlyDictionary<string, long> Applied);
