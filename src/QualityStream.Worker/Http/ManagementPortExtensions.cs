using Microsoft.Extensions.Options;

namespace QualityStream.Worker.Http;

public static class ManagementPortExtensions
{
    /// <summary>Served on <c>Http:ManagementPort</c> only; the public port answers 404.</summary>
    public static TBuilder ManagementPortOnly<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ManagementPortEndpoint(AlsoPublic: false));

    /// <summary>Served on both the public and the management port.</summary>
    public static TBuilder OnBothPorts<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ManagementPortEndpoint(AlsoPublic: true));

    /// <summary>
    /// Answers 404 for an endpoint asked for on the wrong port, deciding by the port the connection arrived on: a Host
    /// header names whatever port the client likes. Goes before authentication, so a wrong port is 404, not 401, and
    /// after routing (which the host puts first), so the decision is on the matched endpoint, whatever the path's case.
    /// </summary>
    public static void UseManagementPort(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var management = app.Services.GetRequiredService<IOptions<HttpOptions>>().Value.ManagementPort;
        app.Use((context, next) =>
        {
            var marked = context.GetEndpoint()?.Metadata.GetMetadata<ManagementPortEndpoint>();
            var served = context.Connection.LocalPort == management ? marked is not null : marked is null || marked.AlsoPublic;
            if (served)
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }
}
