using System.Threading.Channels;

namespace QualityStream.Worker.Hubs;

/// <summary>
/// The pushes waiting for one hub connection, sent in the order posted, one at a time, by the connection's own writer
/// loop (<see cref="RunAsync"/>). Whoever posts only queues and never waits for the client, so a client that stops
/// reading holds up its own outbox and nothing else.
/// </summary>
public sealed partial class ConnectionOutbox
{
    private readonly Channel<Func<IQualityClient, Task>> _queue;
    private readonly IQualityClient _client;
    private readonly TimeSpan _sendTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile bool _closed;

    public ConnectionOutbox(HubAudience audience, IQualityClient client, HubOutboxOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Audience = audience;
        _client = client;
        _sendTimeout = TimeSpan.FromSeconds(options.SendTimeoutSeconds);
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<Func<IQualityClient, Task>>(new BoundedChannelOptions(options.MaxQueuedMessages)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Who the connection speaks for: what it may be sent.</summary>
    public HubAudience Audience { get; }

    /// <summary>Queues a push; false when the outbox is full (the client has fallen behind) or closed.</summary>
    public bool TryPost(Func<IQualityClient, Task> send) => !_closed && _queue.Writer.TryWrite(send);

    /// <summary>Nothing more is sent, not even what is queued: the connection is gone or being dropped.</summary>
    public void Close()
    {
        _closed = true;
        _queue.Writer.TryComplete();
    }

    /// <summary>
    /// Sends what is posted until <see cref="Close"/>; returns <see cref="HubDropReason.SendTimeout"/> as soon as one send
    /// is not taken in time (the rest is not sent), or null once closed.
    /// </summary>
    public async Task<HubDropReason?> RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var send))
            {
                if (_closed)
                {
                    return null;
                }

                if (!await SendAsync(send))
                {
                    return HubDropReason.SendTimeout;
                }
            }
        }

        return null;
    }

    /// <returns>False when the send was not taken within the timeout.</returns>
    private async Task<bool> SendAsync(Func<IQualityClient, Task> send)
    {
        try
        {
            await send(_client).WaitAsync(_sendTimeout, _time);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
#pragma warning disable CA1031 // One failed push (a closing connection, a serialisation bug) must not end the connection's stream.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSendFailed(_logger, Audience.Group, ex);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub push to a connection of {Audience} failed")]
    private static partial void LogSendFailed(ILogger logger, string audience, Exception error);
}
