using Dyad.Server.Api;
using Dyad.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dyad.Server;

/// <summary>How <c>dyad serve</c> runs: which store, where it listens, whether it takes new articles.</summary>
public sealed record ServerOptions
{
    /// <summary>Opens a store; the server keeps a few open and hands one to each request.</summary>
    public required Func<IAnalyticsStore> OpenStore { get; init; }
    /// <summary>The store is thread-safe and pools its own connections (PostgreSQL): open one and share it.</summary>
    public bool ShareOneStore { get; init; }
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:5080"];
    /// <summary>Ingest over HTTP is off unless a key is set; requests then carry it as X-Api-Key or a bearer token.</summary>
    public string? ApiKey { get; init; }
    /// <summary>The built dashboard (web/dist); null to look beside the program and above it.</summary>
    public string? WebRoot { get; init; }
    /// <summary>Stories, when the store groups events into them; none by default.</summary>
    public IStoryReader? Stories { get; init; }
    public bool Quiet { get; init; }
}

/// <summary>The HTTP API under /api/, its OpenAPI document at /openapi/v1.json, and the dashboard at /.</summary>
public static class DyadServer
{
    public static WebApplication Build(ServerOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.Logging.ClearProviders();
        if (!options.Quiet) builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Dyad API";
            document.Info.Description = "Political event data coded from news articles: events, articles, actors, dyads, stories and exports.";
            return Task.CompletedTask;
        }));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new StorePool(options.OpenStore, options.ShareOneStore));
        builder.Services.AddSingleton(new StoryPlacer(options.OpenStore));
        builder.Services.AddSingleton(options.Stories ?? new StoreStoryReader());

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = ex => ex is BadHttpRequestException b ? b.StatusCode : 500 });
        app.UseStatusCodePages();
        app.MapOpenApi();
        ApiEndpoints.Map(app);

        var webRoot = options.WebRoot ?? FindWebRoot();
        if (webRoot is not null && File.Exists(Path.Combine(webRoot, "index.html")))
        {
            var files = new PhysicalFileProvider(Path.GetFullPath(webRoot));
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
            // the dashboard routes in the browser: any other non-API path gets the page itself
            app.MapFallbackToFile("{*path:nonfile}", "index.html", new StaticFileOptions { FileProvider = files });
        }
        else
        {
            app.MapGet("/", () => Results.Content(NoDashboardPage, "text/html; charset=utf-8")).ExcludeFromDescription();
        }
        return app;
    }

    private const string NoDashboardPage = """
        <!doctype html><meta charset="utf-8"><title>Dyad</title>
        <h1>Dyad API</h1><p>The dashboard is not built. Run <code>web/build.sh</code> (needs Node.js and npm), then restart <code>dyad serve</code>.</p>
        <p>The API works without it: <a href="/api/events">/api/events</a>, <a href="/openapi/v1.json">/openapi/v1.json</a>.</p>
        """;

    /// <summary>wwwroot beside the program (a published build), else web/dist in the repository above it.</summary>
    public static string? FindWebRoot()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (File.Exists(Path.Combine(beside, "index.html"))) return beside;
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var dist = Path.Combine(dir.FullName, "web", "dist");
                if (File.Exists(Path.Combine(dist, "index.html"))) return dist;
            }
        return null;
    }
}
