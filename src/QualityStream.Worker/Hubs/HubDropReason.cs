namespace QualityStream.Worker.Hubs;

/// <summary>Why a hub connection was dropped for falling behind.</summary>
public enum HubDropReason
{
    /// <summary>More pushes were waiting than <see cref="HubOutboxOptions.MaxQueuedMessages"/>.</summary>
    OutboxFull,

    /// <summary>One push was not taken within <see cref="HubOutboxOptions.SendTimeoutSeconds"/>.</summary>
    SendTimeout,
}
