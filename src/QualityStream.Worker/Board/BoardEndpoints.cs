using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace QualityStream.Worker.Board;

public static class BoardEndpoints
{
    // Board.targets copies the pages and the npm libraries' browser builds here, beside the binaries, so the same
    // path works under `dotnet run`, in tests and in a published image whatever the content root is.
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Board", "web");

    // Everything the pages load comes from this worker: no CDN, no inline script (docs/contract.md §7 pages, RUNBOOK).
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// <c>GET /</c> (wall board), <c>GET /buyer</c> (buyer notices), <c>GET /review</c> (the morning report) and their
    /// assets under <c>/board/</c>. The pages
    /// need no key: they ask for one and present it to the hub, which enforces it.
    /// </summary>
    public static void MapBoard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!Directory.Exists(Root))
        {
            // The monitor is still worth running without its pages; say why they are missing.
            app.Logger.LogError("Board assets not found at {Root}; build the worker with Board/Board.targets (npm ci in Board/)", Root);
        }

        var files = new PhysicalFileProvider(Directory.Exists(Root) ? Root : AppContext.BaseDirectory);
        var types = new FileExtensionContentTypeProvider();
        app.MapGet("/", (HttpContext http) => Serve(http, files, types, "index.html")).AllowAnonymous();
        app.MapGet("/buyer", (HttpContext http) => Serve(http, files, types, "buyer.html")).AllowAnonymous();
        app.MapGet("/review", (HttpContext http) => Serve(http, files, types, "review.html")).AllowAnonymous();
        app.MapGet("/board/{**path}", (HttpContext http, string path) => Serve(http, files, types, path)).AllowAnonymous();
    }

    private static IResult Serve(HttpContext http, PhysicalFileProvider files, FileExtensionContentTypeProvider types, string path)
    {
        // PhysicalFileProvider refuses paths that climb out of the root, so "../" cannot reach other files.
        var file = files.GetFileInfo(path);
        if (!Directory.Exists(Root) || !file.Exists || file.IsDirectory || file.PhysicalPath is null
            || !types.TryGetContentType(file.Name, out var contentType))
        {
            return Results.NotFound();
        }

        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        var etag = new EntityTagHeaderValue($"\"{file.LastModified.UtcTicks:x}-{file.Length:x}\"");
        return Results.File(file.PhysicalPath, contentType, lastModified: file.LastModified, entityTag: etag);
    }
}
