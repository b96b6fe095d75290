using System.CommandLine;
using System.Text.Json;
using Dyad.Documents;
using Dyad.Places;
using Dyad.Time;

namespace Dyad.Cli.Commands;

/// <summary><c>dyad places PATH…</c>: one JSON line per toponym with its resolved gazetteer entry.</summary>
public static class PlacesCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.OneOrMore, Description = "Files (.txt, .jsonl) or folders of them" };
        var spans = new Option<bool>("--given-spans")
        {
            Description = "Resolve only the spans listed in each JSONL line's \"places\" array ([{start,end}]), to measure resolution apart from detection",
        };
        var pipelineOption = new Option<bool>("--pipeline")
        {
            Description = "Find places as `dyad ingest` does: clean, tokenize, tag, parse and recognise entities first, and resolve the recogniser's "
                + "place spans (default: gazetteer matches over plain tokens, no models loaded)",
        };
        var command = new Command("places", "Find place names and resolve them to coordinates") { paths, spans, pipelineOption };
        command.SetAction(parse =>
        {
            var tagger = new PlaceTagger();
            bool given = parse.GetValue(spans), asPipeline = parse.GetValue(pipelineOption);
            if (given && asPipeline)
                throw new Errors.DyadException(Errors.ErrorCode.UsageInvalid, "--given-spans and --pipeline exclude each other: given spans replace the recogniser's");
            var pipeline = asPipeline ? UpToPlaces() : null;
            using var stdout = Console.OpenStandardOutput();
            using var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            foreach (var (article, givenSpans) in PlainArticleReader.ReadWithSpans(parse.GetValue(paths) ?? [], "places"))
            {
                var document = new Document(article);
                if (pipeline != null) pipeline.Process(document);
                else PlainTokenizer.Apply(document);
                if (given)
                {
                    foreach (var (start, end) in givenSpans)
                        if (TokenRange(document, start, end) is { } range) document.Entities.Add(new EntitySpan(range.First, range.End, "LOC"));
                    document.MarkPresent(Layers.Entities);
                }
                if (pipeline == null) tagger.Process(document);
                foreach (var p in document.Places)
                {
                    json.WriteStartObject();
                    json.WriteString("doc", document.Id);
                    json.WriteNumber("start", p.Span.Start);
                    json.WriteNumber("end", p.Span.End);
                    json.WriteString("text", document.Text.Substring(p.Span.Start, p.Span.Length));
                    json.WriteString("name", p.Name);
                    if (p.Country is null) json.WriteNull("country"); else json.WriteString("country", p.Country);
                    if (p.Admin1 is null) json.WriteNull("admin1"); else json.WriteString("admin1", p.Admin1);
                    if (p.Lat is { } lat) json.WriteNumber("lat", lat); else json.WriteNull("lat");
                    if (p.Lon is { } lon) json.WriteNumber("lon", lon); else json.WriteNull("lon");
                    if (p.GeonameId is { } id) json.WriteNumber("geonameid", id); else json.WriteNull("geonameid");
                    json.WriteEndObject();
                    json.Flush();
                    stdout.WriteByte((byte)'\n');
                    json.Reset();
                }
            }
            return 0;
        });
        return command;
    }

    /// <summary>The default pipeline's stages up to and including the places stage.</summary>
    private static Dyad.Pipeline.DocumentPipeline UpToPlaces()
    {
        var builder = new Dyad.Pipeline.PipelineBuilder();
        foreach (var stage in Dyad.Pipeline.DyadPipeline.CreateBuilder().Stages)
        {
            builder.Add(stage);
            if (stage is PlaceTagger) break;
        }
        return builder.Build();
    }

    /// <summary>The tokens covering characters [start, end), or null when no token falls inside.</summary>
    private static (int First, int End)? TokenRange(Document document, int start, int end)
    {
        int first = -1, last = -1;
        for (int t = 0; t < document.TokenCount; t++)
        {
            if (document.TokenEnd[t] <= start) continue;
            if (document.TokenStart[t] >= end) break;
            if (first < 0) first = t;
            last = t;
        }
        return first < 0 ? null : (first, last + 1);
    }
}
