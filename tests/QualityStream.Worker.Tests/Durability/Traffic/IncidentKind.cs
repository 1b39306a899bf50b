namespace QualityStream.Worker.Tests.Durability.Traffic;

/// <summary>What a <see cref="ScriptedIncident"/> does to the traffic.</summary>
internal enum IncidentKind
{
    /// <summary>A buyer×source pair of its own with a steady flow of leads, invalid for a stretch of seconds.</summary>
    InvalidStretch,

    /// <summary>A buyer×source pair of its own whose leads are each tried once; after a second, none are reached.</summary>
    ContactDrop,

    /// <summary>A buyer's ordinary leads delivered during a stretch are mostly returned.</summary>
    ReturnSpike,

    /// <summary>A source's ordinary leads delivered during a stretch mostly repeat a consumer the buyer already had.</summary>
    DuplicateSpike,
}
