using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dyad.Nlp.Models;

namespace Dyad.Nlp.Parsing;

/// <summary>
/// The summed scores of the single-token templates (<see cref="ParserFeatures.TokenTemplates"/>) per role and
/// token, so that a transition adds one vector per role instead of hashing and probing the model's tables for
/// the same 26 features again. Run-time only: training extracts every feature at every step. One per thread.
/// </summary>
/// <remarks>
/// Tag templates depend on the tag alone: their sums are kept per (role, tag) for the cache's lifetime (a few
/// dozen tags). Word templates (and any other property of a token) are summed per sentence at its start, for
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
    private readonly int[][] _tagTemplates;       // per role: indices into TokenTemplates of its tag templates
    private readonly int[][] _tokenTemplates;     // per role: the rest (word, word+tag, ...)

    // for the cache's lifetime: tag value → number, and per (tag number, role) the summed tag-template rows
    private readonly Dictionary<ulong, int> _tagIds = [];
    private readonly List<ulong> _tagValues = [];
    private float[] _tagVectors = [];
    private bool[] _tagFilled = [];

    // per sentence: tag number of each token (index token + 1, so -1 is "none"), and per (role, token + 1) the
    // role's full sum (tag part copied in, word rows added) for roles with word templates
    private int[] _tokenTag = [];
    private float[] _vectors = [];
    private int _tokens;
    private ulong[] _features = [];
    private int[] _offsets = [];
    private readonly float[][] _source = new float[ParserFeatures.RoleCount][];
    private readonly int[] _sourceOffset = new int[ParserFeatures.RoleCount];

    public TokenScoreCache(LinearModel model)
    {
        _model = model;
        _stride = (model.ClassCount + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        var templates = ParserFeatures.TokenTemplates;
        _tagTemplates = new int[ParserFeatures.RoleCount][];
        _tokenTemplates = new int[ParserFeatures.RoleCount][];
        for (int r = 0; r < ParserFeatures.RoleCount; r++)
        {
            _tagTemplates[r] = [.. Enumerable.Range(0, templates.Length).Where(t => (int)templates[t].Role == r && templates[t].Property == TokenProperty.Tag)];
            _tokenTemplates[r] = [.. Enumerable.Range(0, templates.Length).Where(t => (int)templates[t].Role == r && templates[t].Property != TokenProperty.Tag)];
        }
    }

    public LinearModel Model => _model;

    /// <summary>Start a sentence of <paramref name="length"/> words (index 0 the root): sum every role's vector for every token.</summary>
    public void Begin(ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, int length)
    {
        int tokens = length + 2;
        if (_tokens < tokens)
        {
            _tokens = Math.Max(tokens, Math.Max(64, _tokens * 2));
            _vectors = new float[ParserFeatures.RoleCount * _tokens * _stride];
            _tokenTag = new int[_tokens];
        }
        for (int token = -1; token <= length; token++)
            _tokenTag[token + 1] = TagId(ParserFeatures.TokenValue(TokenProperty.Tag, token, words, tags));

        int count = 0;
        for (int r = 0; r < ParserFeatures.RoleCount; r++) count += _tokenTemplates[r].Length * tokens;
        if (_features.Length < count) { _features = new ulong[count]; _offsets = new int[count]; }
        int n = 0;
        for (int r = 0; r < ParserFeatures.RoleCount; r++)
        {
            if (_tokenTemplates[r].Length == 0) continue;
            for (int token = -1; token <= length; token++)
            {
                int cell = Start(r, token);
                foreach (int t in _tokenTemplates[r])
                {
                    var template = ParserFeatures.TokenTemplates[t];
                    _features[n] = ParserFeatures.TokenFeature(template, ParserFeatures.TokenValue(template.Property, token, words, tags));
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
            if (_tokenTemplates[r].Length == 0)
            {
                _source[r] = _tagVectors;
                _sourceOffset[r] = TagVector(r, _tokenTag[token + 1]);
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

    /// <summary>Copy the role's tag sum into the (role, token) vector; returns its cell.</summary>
    private int Start(int role, int token)
    {
        int cell = role * _tokens + token + 1;
        int from = TagVector(role, _tokenTag[token + 1]);
        _tagVectors.AsSpan(from, _stride).CopyTo(_vectors.AsSpan(cell * _stride, _stride));
        return cell;
    }

    private int TagId(ulong tag)
    {
        if (_tagIds.TryGetValue(tag, out int id)) return id;
        id = _tagIds.Count;
        _tagIds[tag] = id;
        int needed = (id + 1) * ParserFeatures.RoleCount;
        if (_tagFilled.Length < needed)
        {
            Array.Resize(ref _tagFilled, Math.Max(needed, _tagFilled.Length * 2));
            Array.Resize(ref _tagVectors, _tagFilled.Length * _stride);
        }
        _tagValues.Add(tag);
        return id;
    }

    /// <summary>Where the (role, tag) sum starts in _tagVectors, summed on first use.</summary>
    private int TagVector(int role, int tagId)
    {
        int index = tagId * ParserFeatures.RoleCount + role;
        if (!_tagFilled[index])
        {
            var templates = _tagTemplates[role];
            Span<ulong> features = stackalloc ulong[templates.Length];
            for (int i = 0; i < templates.Length; i++)
                features[i] = ParserFeatures.TokenFeature(ParserFeatures.TokenTemplates[templates[i]], _tagValues[tagId]);
            _model.AddScores(features, _tagVectors.AsSpan(index * _stride, _stride));
            _tagFilled[index] = true;
        }
        return index * _stride;
    }
}
