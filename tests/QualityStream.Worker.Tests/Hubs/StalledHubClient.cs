using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace QualityStream.Worker.Tests.Hubs;

/// <summary>
/// A hub client on a raw WebSocket that connects like any other (handshake, then one answered invocation) and then never
/// reads again, so whatever the server sends it piles up in the socket buffers between them. It keeps sending pings, as a live client does, so the server
/// never drops it for silence: only for not reading. Its socket's receive buffer is small and fixed, so a few megabytes
/// from the server fill the buffers on the way and its sends stall.
/// </summary>
internal sealed class StalledHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private const int ReceiveBufferBytes = 16 * 1024;
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("""{"protocol":"json","version":1}""" + RecordSeparator);
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("""{"type":6}""" + RecordSeparator);
    private static readonly byte[] GetSnapshot = Encoding.UTF8.GetBytes("""{"type":1,"invocationId":"1","target":"GetSnapshot","arguments":[]}""" + RecordSeparator);

    private readonly ClientWebSocket _socket = new();
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler { ConnectCallback = ConnectSmallBufferAsync });
    private readonly CancellationTokenSource _stop = new();
    private Task _keepAlive = Task.CompletedTask;

    private StalledHubClient()
    {
    }

    public static async Task<StalledHubClient> ConnectAsync(Uri baseAddress, string key)
    {
        var client = new StalledHubClient();
        var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/hubs/quality", Query = "access_token=" + Uri.EscapeDataString(key) }.Uri;
        await client._socket.ConnectAsync(uri, client._invoker, CancellationToken.None);
        await client._socket.SendAsync(Handshake, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        // The server opens a connection's outbox while connecting and answers an invocation only after that: once the
        // answer is read, the client is sent every push meant for it.
        await client._socket.SendAsync(GetSnapshot, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        await client.ReadUntilAsync("\"type\":3");
        client._keepAlive = client.KeepAliveAsync();
        return client;
    }

    /// <summary>
    /// Starts reading at last and reads until the server ends the connection: true if it ends (closed or dropped) within
    /// <paramref name="timeout"/>, false if it is still open then.
    /// </summary>
    public async Task<bool> EndsWithinAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, deadline.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return true;
                }
            }
        }
        catch (WebSocketException)
        {
            return true;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task ReadUntilAsync(string text)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        var read = new StringBuilder();
        while (!read.ToString().Contains(text, StringComparison.Ordinal))
        {
            var result = await _socket.ReceiveAsync(buffer, deadline.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"the server closed the connection before sending {text}; read: {read}");
            }

            read.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }

    private static async ValueTask<Stream> ConnectSmallBufferAsync(SocketsHttpConnectionContext context, CancellationToken cancel)
    {
        // Set before connecting: a fixed size also turns off the kernel's growing of the buffer as data arrives.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = ReceiveBufferBytes };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancel);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task KeepAliveAsync()
    {
        // The .NET client's default keep-alive interval is 15 s, the server's client timeout 30 s.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await _socket.SendAsync(Ping, WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        catch (WebSocketException)
        {
            // The server ended the connection.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _keepAlive;
        _socket.Abort();
        _socket.Dispose();
        _invoker.Dispose();
        _stop.Dispose();
    }
}
