using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dyad.Nlp.Models;

namespace Dyad.Nlp.Parsing;

/// <summary>
/// The summed scores of the single-token templates (<see cref="ParserFeatures.TokenTemplates"/>) per role and
/// token, so that a transition adds one vector per role instead of hashing and probing the model's tables for
/// the same 42 features again. Run-time only: training extracts every feature at every step. One per thread.
/// </summary>
/// <remarks>
/// Tag templates depend on the tag alone: their sums are kept per (role, tag) for the cache's lifetime (a few
/// dozen tags); so are those of the templates reading a word's cluster alone, per (role, cluster). Word templates (and any other property of a token) are summed per sentence at its start, for
/// every token and role in one batch so that their cache misses overlap. Filling on first use instead, one
/// (role, token) at a time, makes each fill wait for its own misses: measured (for all roles, then for the tree
/// roles only) it was no faster than the batch, and took more code. Float additions happen in another order than in
/// <see cref="LinearModel.AddScores(ReadOnlySpan{ulong}, Span{float})"/> over all features, so scores can differ
/// in the last bits (the shipped parser's output on EWT test and the samples is byte-identical).
/// </remarks>
public sealed class TokenScoreCache
{
    private readonly LinearModel _model;
    private readonly int _stride;                 // ClassCount rounded up to whole vectors (padding stays zero)
    private readonly int[][] _tokenTemplates;     // per role: indices into TokenTemplates of those summed per sentence
    private readonly bool[] _perToken;            // per role: whether its sum is kept per (role, token)
    private readonly bool _withClusters;

    // for the cache's lifetime: per (tag, role) the summed tag-template rows, per (cluster, role) the summed
    // cluster-template rows (a few dozen tags, some 500 clusters)
    private readonly ValueSums _tagSums;
    private readonly ValueSums _clusterSums;

    // per sentence: tag and cluster number of each token (index token + 1, so -1 is "none"), and per (role,
    // token + 1) the role's full sum (tag and cluster parts copied in, word rows added) for per-token roles
    private int[] _tokenTag = [];
    private int[] _tokenCluster = [];
    private float[] _vectors = [];
    private int _tokens;
    private ulong[] _features = [];
    private int[] _offsets = [];
    private readonly float[][] _source = new float[ParserFeatures.RoleCount][];
    private readonly int[] _sourceOffset = new int[ParserFeatures.RoleCount];

    /// <summary>
    /// A cache for the model's single-token templates; without <paramref name="withClusters"/> (a parser without
    /// word clusters, such as one trained before them) the cluster templates are left out, so that such a model
    /// is scored exactly as before they existed and pays nothing for them.
    /// </summary>
    public TokenScoreCache(LinearModel model, bool withClusters)
    {
        _model = model;
        _withClusters = withClusters;
        _stride = (model.ClassCount + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        var templates = ParserFeatures.TokenTemplates;
        var used = Enumerable.Range(0, templates.Length).Where(t => withClusters || !ParserFeatures.ReadsClusters(templates[t].Property)).ToArray();
        _tokenTemplates = new int[ParserFeatures.RoleCount][];
        _perToken = new bool[ParserFeatures.RoleCount];
        var tagTemplates = new int[ParserFeatures.RoleCount][];
        var clusterTemplates = new int[ParserFeatures.RoleCount][];
        for (int r = 0; r < ParserFeatures.RoleCount; r++)
        {
            tagTemplates[r] = [.. used.Where(t => (int)templates[t].Role == r && templates[t].Property == TokenProperty.Tag)];
            clusterTemplates[r] = [.. used.Where(t => (int)templates[t].Role == r && IsClusterOnly(templates[t].Property))];
            _tokenTemplates[r] = [.. used.Where(t => (int)templates[t].Role == r && templates[t].Property != TokenProperty.Tag && !IsClusterOnly(templates[t].Property))];
            _perToken[r] = _tokenTemplates[r].Length > 0 || clusterTemplates[r].Length > 0;
        }
        _tagSums = new ValueSums(model, _stride, tagTemplates, static (property, key) => key);
        _clusterSums = new ValueSums(model, _stride, clusterTemplates, static (property, key) => ParserFeatures.ClusterValue(property, (uint)key));
    }

    private static bool IsClusterOnly(TokenProperty property) => property is TokenProperty.Cluster or TokenProperty.Coarse;

    public LinearModel Model => _model;

    /// <summary>Start a sentence of <paramref name="length"/> words (index 0 the root): sum every role's vector for every token.</summary>
    public void Begin(ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<uint> clusters, int length)
    {
        int tokens = length + 2;
        if (_tokens < tokens)
        {
            _tokens = Math.Max(tokens, Math.Max(64, _tokens * 2));
            _vectors = new float[ParserFeatures.RoleCount * _tokens * _stride];
            _tokenTag = new int[_tokens];
            _tokenCluster = new int[_tokens];
        }
        for (int token = -1; token <= length; token++)
        {
            _tokenTag[token + 1] = _tagSums.Id(ParserFeatures.TokenValue(TokenProperty.Tag, token, words, tags, clusters));
            if (_withClusters) _tokenCluster[token + 1] = _clusterSums.Id(ParserFeatures.ClusterKey(token, clusters));
        }

        int count = 0;
        for (int r = 0; r < ParserFeatures.RoleCount; r++) count += _tokenTemplates[r].Length * tokens;
        if (_features.Length < count) { _features = new ulong[count]; _offsets = new int[count]; }
        int n = 0;
        for (int r = 0; r < ParserFeatures.RoleCount; r++)
        {
            if (!_perToken[r]) continue;
            for (int token = -1; token <= length; token++)
            {
                int cell = Start(r, token);
                foreach (int t in _tokenTemplates[r])
                {
                    var template = ParserFeatures.TokenTemplates[t];
                    _features[n] = ParserFeatures.TokenFeature(template, ParserFeatures.TokenValue(template.Property, token, words, tags, clusters));
                    _offsets[n++] = cell * _stride;
                }
            }
        }
        _model.AddScores(_features.AsSpan(0, n), _offsets.AsSpan(0, n), _vectors);
    }

    /// <summary>Add the single-token template scores of the configuration whose role tokens are given.</summary>
    public void AddScores(ReadOnlySpan<int> roleTokens, Span<float> scores)
    {
        for (int r = 0; r < ParserFeatures.RoleCount; r++)
        {
            int token = roleTokens[r];
            if (!_perToken[r])
            {
                _sourceOffset[r] = _tagSums.Offset(r, _tokenTag[token + 1]);
                _source[r] = _tagSums.Vectors;
                continue;
            }
            _source[r] = _vectors;
            _sourceOffset[r] = (r * _tokens + token + 1) * _stride;
        }
        // one pass over the classes, summing all roles' vectors in registers
        ref float to = ref MemoryMarshal.GetReference(scores);
        int classes = _model.ClassCount, k = 0;
        for (; k + Vector<float>.Count <= classes; k += Vector<float>.Count)
        {
            var sum = Vector.LoadUnsafe(ref to, (nuint)k);
            for (int r = 0; r < ParserFeatures.RoleCount; r++)
                sum += Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_source[r]), (nuint)(_sourceOffset[r] + k));
            Vector.StoreUnsafe(sum, ref to, (nuint)k);
        }
        for (; k < classes; k++)
            for (int r = 0; r < ParserFeatures.RoleCount; r++) Unsafe.Add(ref to, k) += _source[r][_sourceOffset[r] + k];
    }

    /// <summary>Copy the role's tag sum, plus its cluster sum, into the (role, token) vector; returns its cell.</summary>
    private int Start(int role, int token)
    {
        int cell = role * _tokens + token + 1;
        int tag = _tagSums.Offset(role, _tokenTag[token + 1]);
        var to = _vectors.AsSpan(cell * _stride, _stride);
        var tagSum = _tagSums.Vectors.AsSpan(tag, _stride);
        if (!_withClusters) { tagSum.CopyTo(to); return cell; }
        int cluster = _clusterSums.Offset(role, _tokenCluster[token + 1]);
        var clusterSum = _clusterSums.Vectors.AsSpan(cluster, _stride);
        for (int k = 0; k < _stride; k += Vector<float>.Count)
            (new Vector<float>(tagSum[k..]) + new Vector<float>(clusterSum[k..])).CopyTo(to[k..]);
        return cell;
    }

    /// <summary>
    /// Per (value, role) the summed rows of the role's templates that read one value of a token (its tag, or
    /// its cluster key): numbered as values are first seen, summed on first use, kept for the cache's lifetime.
    /// </summary>
    private sealed class ValueSums(LinearModel model, int stride, int[][] templates, Func<TokenProperty, ulong, ulong> valueOf)
    {
        private readonly Dictionary<ulong, int> _ids = [];
        private readonly List<ulong> _values = [];
        private bool[] _filled = [];

        public float[] Vectors { get; private set; } = [];

        public int Id(ulong value)
        {
            if (_ids.TryGetValue(value, out int id)) return id;
            id = _ids.Count;
            _ids[value] = id;
            int needed = (id + 1) * ParserFeatures.RoleCount;
            if (_filled.Length < needed)
            {
                var filled = _filled;
                Array.Resize(ref filled, Math.Max(needed, _filled.Length * 2));
                _filled = filled;
                var vectors = Vectors;
                Array.Resize(ref vectors, _filled.Length * stride);
                Vectors = vectors;
            }
            _values.Add(value);
            return id;
        }

        /// <summary>Where the (role, value) sum starts in <see cref="Vectors"/>, summed on first use (zero for a role without such templates).</summary>
        public int Offset(int role, int id)
        {
            int index = id * ParserFeatures.RoleCount + role;
            if (!_filled[index])
            {
                var roleTemplates = templates[role];
                Span<ulong> features = stackalloc ulong[roleTemplates.Length];
                for (int i = 0; i < roleTemplates.Length; i++)
                {
                    var template = ParserFeatures.TokenTemplates[roleTemplates[i]];
                    features[i] = ParserFeatures.TokenFeature(template, valueOf(template.Property, _values[id]));
                }
                model.AddScores(features, Vectors.AsSpan(index * stride, stride));
                _filled[index] = true;
            }
            return index * stride;
        }
    }
}
