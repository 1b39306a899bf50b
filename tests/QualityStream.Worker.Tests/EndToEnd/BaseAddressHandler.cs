namespace QualityStream.Worker.Tests.EndToEnd;

/// <summary>Points every request at the worker's current address, which changes when it restarts.</summary>
internal sealed class BaseAddressHandler(Func<Uri> address) : DelegatingHandler(new HttpClientHandler())
{
    public static readonly Uri Placeholder = new("http://worker/");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = address();
        request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = current.Scheme, Host = current.Host, Port = current.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
