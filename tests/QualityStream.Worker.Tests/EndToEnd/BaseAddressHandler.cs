namespace QualityStream.Worker.Tests.EndToEnd;

/// <summary>Points every request at the worker's current address, which changes when it restarts.</summary>
internal sealed class BaseAddressHandler(WorkerUnderTest worker) : DelegatingHandler(new HttpClientHandler())
{
    public static readonly Uri Placeholder = new("http://worker/");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = worker.BaseAddress.Scheme, Host = worker.BaseAddress.Host, Port = worker.BaseAddress.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
