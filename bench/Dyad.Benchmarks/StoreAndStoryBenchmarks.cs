using BenchmarkDotNet.Attributes;
using Dyad.Documents;
using Dyad.Extraction;
using Dyad.Pipeline;
using Dyad.Processing;
using Dyad.Storage;
using Dyad.Stories;
using Dyad.Stories.Clustering;

namespace Dyad.Benchmarks;

/// <summary>Fully processed documents written in one batch to a new SQLite file (WAL, FTS5 index included).</summary>
[MemoryDiagnoser]
public class StoreWritesBenchmark
{
    private List<Document> _documents = [];
    private SqliteStore? _store;
    private string _path = "";

    [Params(1, 100)]
    public int Articles { get; set; }

    [GlobalSetup]
    public void Setup() => _documents = Corpus.Articles(Articles).Select(DyadPipeline.Default.Process).ToList();

    [IterationSetup]
    public void OpenStore()
    {
        _path = Path.Combine(Path.GetTempPath(), $"dyad-bdn-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        _store = SqliteStore.Open(_path);
    }

    [Benchmark]
    public void Store() => _store!.Store(_documents);

    [IterationCleanup]
    public void Delete()
    {
        _store?.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
    }
}

/// <summary>Online story clustering (with near-duplicate detection) of a generated stream, into a new clusterer.</summary>
[MemoryDiagnoser]
public class ClusteringBenchmark
{
    private List<StoryArticle> _stream = [];

    [Params(100, 2000)]
    public int Articles { get; set; }

    public static List<StoryArticle> Stream(int count) => BenchmarkCorpus.StoryStream(Corpus.SampleArticles, count).ToList();

    public static long Words(int count) => Stream(count).Sum(a => (long)BenchmarkCorpus.CountWords(a.Text));

    [GlobalSetup]
    public void Setup() => _stream = Stream(Articles);

    [Benchmark]
    public int Cluster()
    {
        var clusterer = new OnlineStoryClusterer();
        foreach (var article in _stream) clusterer.Add(article);
        return clusterer.Stories.Count;
    }
}

/// <summary>HTML news pages (the corpus articles in a page template with navigation and footer) to articles.</summary>
[MemoryDiagnoser]
public class ExtractionBenchmark
{
    private List<byte[]> _pages = [];

    [Params(1, 100)]
    public int Articles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pages = Corpus.Articles(Articles).Select(a => System.Text.Encoding.UTF8.GetBytes(BenchmarkCorpus.ToHtml(a))).ToList();
        HtmlArticleExtractor.Extract(_pages[0], null, "warm-up", TimeSpan.FromMinutes(1)); // cold start: no 5 s budget
    }

    [Benchmark]
    public int Extract()
    {
        int length = 0;
        foreach (var page in _pages) length += HtmlArticleExtractor.Extract(page, null, "page").Text.Length;
        return length;
    }
}
