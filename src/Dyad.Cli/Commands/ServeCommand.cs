using System.CommandLine;
using Dyad.Server;
using Microsoft.Extensions.Hosting;

namespace Dyad.Cli.Commands;

internal static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var db = Shared.Database();
        var urls = new Option<string>("--urls")
        {
            Description = "where to listen, separated by ';' (loopback by default; give a public address only behind a proxy you trust)",
            DefaultValueFactory = _ => DefaultUrl,
            HelpName = "URLS",
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "turn on POST /api/ingest, for requests that carry this key (default: DYAD_API_KEY; off when neither is set)",
            HelpName = "KEY",
        };
        var web = new Option<string?>("--web") { Description = "folder of the built dashboard (default: web/dist found above the program)", HelpName = "DIR" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "print only the address" };
        var command = new Command("serve", "Serve the HTTP API (/api/, OpenAPI at /openapi/v1.json) and the web dashboard") { db, urls, apiKey, web, quiet };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(db)!;
            if (!StoreFactory.Exists(path)) return Shared.Fail($"no database at {path}; run 'dyad ingest' or 'dyad demo' first");
            // open once up front so a bad file or address fails here, with the store's own message, not on the first request
            string where;
            using (var first = StoreFactory.Open(path)) where = StoreFactory.Describe(first);
            bool server = Postgres.PostgresAddress.IsPostgres(path);
            var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("DYAD_API_KEY");
            var addresses = parse.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var options = new ServerOptions
            {
                OpenStore = () => StoreFactory.Open(path),
                // the PostgreSQL store pools its own connections and is thread-safe: one serves every request
                ShareOneStore = server,
                Urls = addresses,
                ApiKey = string.IsNullOrEmpty(key) ? null : key,
                WebRoot = parse.GetValue(web),
                Quiet = parse.GetValue(quiet),
            };
            var app = DyadServer.Build(options);
            app.Start();
            foreach (var address in app.Urls) Console.WriteLine($"Dyad is serving {(server ? where : Path.GetFullPath(path))} at {address}/");
            if (!parse.GetValue(quiet))
            {
                Console.WriteLine($"  API: {app.Urls.First()}/api/events   OpenAPI: {app.Urls.First()}/openapi/v1.json");
                Console.WriteLine(options.ApiKey is null ? "  ingest over HTTP is off (set --api-key or DYAD_API_KEY)" : "  POST /api/ingest is on");
                if ((options.WebRoot ?? DyadServer.FindWebRoot()) is null) Console.WriteLine("  the dashboard is not built: run web/build.sh");
                Console.WriteLine("Press Ctrl+C to stop.");
            }
            app.WaitForShutdown();
            return 0;
        });
        return command;
    }
}
