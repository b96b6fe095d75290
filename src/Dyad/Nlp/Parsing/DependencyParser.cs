using Dyad.Errors;
using Dyad.Nlp.Models;

namespace Dyad.Nlp.Parsing;

/// <summary>
/// Greedy arc-eager dependency parser with labelled transitions, scored by an averaged perceptron.
/// Classes: "shift", "reduce", then "L:rel" and "R:rel" for every relation. Input per sentence: word and tag
/// hashes with index 0 for the root; output heads (0 = root) and relation numbers.
/// </summary>
public sealed class DependencyParser
{
    public const string Kind = "parser";
    public static readonly ulong RootWord = FeatureHash.Of("<root>");
    public static readonly ulong RootTag = FeatureHash.Of("<ROOT>");

    public DependencyParser(LinearModel model) : this(model, []) { }

    public DependencyParser(LinearModel model, Dictionary<ulong, uint> clusters) : this(model, labels: null, clusters) { }

    /// <summary>
    /// A hierarchical parser: <paramref name="transitions"/> scores the four unlabelled transitions
    /// (<see cref="TransitionClassNames"/>), and when it picks an arc the label model of that direction picks the
    /// relation right away (classes: the relations, the same list in both, as <see cref="LabelNames"/> orders them).
    /// </summary>
    /// <remarks>
    /// The transition model's arc classes are "left" and "right", or one per group of relations ("L:core",
    /// "R:root", …; <see cref="GroupedTransitionNames"/>), which gives the transition model back some of the
    /// labelled model's capacity; the label model then picks among the relations of the chosen class.
    /// <paramref name="leftClassOf"/> and <paramref name="rightClassOf"/> give per relation its arc class in each
    /// direction (-1: never in that direction), by default from <see cref="ArcGroup"/>.
    /// </remarks>
    public DependencyParser(LinearModel transitions, LinearModel leftLabels, LinearModel rightLabels, Dictionary<ulong, uint> clusters,
        bool fullLabelFeatures = false, sbyte[]? leftClassOf = null, sbyte[]? rightClassOf = null)
        : this(transitions, (leftLabels, rightLabels), clusters)
    {
        FullLabelFeatures = fullLabelFeatures;
        LeftClassOf = leftClassOf ?? ArcClasses(transitions.Classes, leftLabels.Classes, left: true);
        RightClassOf = rightClassOf ?? ArcClasses(transitions.Classes, leftLabels.Classes, left: false);
        if (LeftClassOf.Length != Relations.Length || RightClassOf.Length != Relations.Length)
            throw new DyadException(ErrorCode.ModelFormat, "arc classes must be given for every relation");
        ClassHasRoot = new bool[transitions.ClassCount];
        ClassOnlyRoot = new bool[transitions.ClassCount];
        var members = new int[transitions.ClassCount];
        for (int r = 0; r < Relations.Length; r++)
            foreach (int c in (ReadOnlySpan<sbyte>)[LeftClassOf[r], RightClassOf[r]])
            {
                if (c < 0) continue;
                bool leftClass = c == LeftClassOf[r];
                if (c >= transitions.ClassCount || ClassTransition[c] != (leftClass ? Transition.LeftArc : Transition.RightArc))
                    throw new DyadException(ErrorCode.ModelFormat, $"relation '{Relations[r]}' is given a class of the wrong kind");
                members[c]++;
                if (r == RootLabel) ClassHasRoot[c] = true;
            }
        if (RightClassOf[RootLabel] < 0 || LeftClassOf[RootLabel] >= 0) throw new DyadException(ErrorCode.ModelFormat, "\"root\" must be a right arc only");
        for (int c = 0; c < transitions.ClassCount; c++) ClassOnlyRoot[c] = ClassHasRoot[c] && members[c] == 1;
    }

    /// <summary>The grouped transition classes (12, so a slot of the compact table holds them all; see <see cref="LinearModel.CompactClassLimit"/>).</summary>
    public static readonly string[] GroupedTransitionNames =
        ["shift", "reduce", "L:core", "L:nominal", "L:function", "L:punct", "L:other", "R:root", "R:core", "R:nominal", "R:punct", "R:other"];

    /// <summary>
    /// The group of a relation's arcs in one direction, by its universal part: core arguments, nominal and
    /// adjectival modifiers, function words (left arcs only; right ones are rare and join "other"), punctuation,
    /// the rest; "root" is a right arc of its own.
    /// </summary>
    public static string ArcGroup(string relation, bool left)
    {
        int cut = relation.IndexOfAny([':', PseudoProjective.Separator]);
        string universal = cut < 0 ? relation : relation[..cut];
        return universal switch
        {
            "root" => "root",
            "nsubj" or "obj" or "iobj" or "csubj" or "ccomp" or "xcomp" or "expl" => "core",
            "obl" or "nmod" or "appos" or "nummod" or "acl" or "amod" => "nominal",
            "det" or "case" or "mark" or "aux" or "cop" or "cc" when left => "function",
            "punct" => "punct",
            _ => "other",
        };
    }

    /// <summary>Per relation, its arc class in one direction among the transition classes (-1: none; "root" goes right only).</summary>
    public static sbyte[] ArcClasses(string[] transitionClasses, string[] relations, bool left)
    {
        var classes = new sbyte[relations.Length];
        for (int r = 0; r < relations.Length; r++)
        {
            if (left && relations[r] == "root") { classes[r] = -1; continue; }
            int c = Array.IndexOf(transitionClasses, left ? "left" : "right");
            if (c < 0) c = Array.IndexOf(transitionClasses, (left ? "L:" : "R:") + ArcGroup(relations[r], left));
            if (c < 0) throw new DyadException(ErrorCode.ModelFormat, $"no transition class for relation '{relations[r]}'");
            classes[r] = (sbyte)c;
        }
        return classes;
    }

    /// <summary>The same parser with another transition model over the same classes (a pruned copy): label models, clusters and arc classes kept.</summary>
    public DependencyParser WithTransitionModel(LinearModel model)
        => IsHierarchical ? new DependencyParser(model, LeftLabels!, RightLabels!, Clusters, FullLabelFeatures, LeftClassOf, RightClassOf)
            : new DependencyParser(model, Clusters) { OmittedTemplates = OmittedTemplates };

    /// <summary>Hierarchical parser: per relation, the transition class of its left arc (-1: none).</summary>
    public sbyte[] LeftClassOf { get; } = [];
    /// <summary>Hierarchical parser: per relation, the transition class of its right arc.</summary>
    public sbyte[] RightClassOf { get; } = [];
    /// <summary>Hierarchical parser: per transition class, whether "root" is among its relations, and whether it is the only one.</summary>
    public bool[] ClassHasRoot { get; } = [];
    public bool[] ClassOnlyRoot { get; } = [];

    private DependencyParser(LinearModel model, (LinearModel Left, LinearModel Right)? labels, Dictionary<ulong, uint> clusters)
    {
        var leftLabels = labels?.Left;
        var rightLabels = labels?.Right;
        Model = model;
        Clusters = clusters;
        var relations = new List<string>();
        ClassTransition = new Transition[model.ClassCount];
        ClassLabel = new int[model.ClassCount];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        if (leftLabels != null || rightLabels != null)
        {
            if (leftLabels == null || rightLabels == null || !leftLabels.Classes.AsSpan().SequenceEqual(rightLabels.Classes))
                throw new DyadException(ErrorCode.ModelFormat, "a hierarchical parser needs left and right label models over the same relations");
            if (model.ClassCount < 4 || model.Classes[0] != "shift" || model.Classes[1] != "reduce")
                throw new DyadException(ErrorCode.ModelFormat, "a hierarchical parser's transition classes must be shift, reduce, then arcs");
            LeftLabels = leftLabels;
            RightLabels = rightLabels;
            for (int c = 0; c < model.ClassCount; c++)
            {
                string name = model.Classes[c];
                ClassLabel[c] = -1;
                ClassTransition[c] = c < 2 ? (Transition)c
                    : name == "left" || name.StartsWith("L:", StringComparison.Ordinal) ? Transition.LeftArc
                    : name == "right" || name.StartsWith("R:", StringComparison.Ordinal) ? Transition.RightArc
                    : throw new DyadException(ErrorCode.ModelFormat, $"hierarchical parser class '{name}' is not an arc");
            }
            foreach (var relation in leftLabels.Classes)
            {
                if (!index.TryAdd(relation, relations.Count)) throw new DyadException(ErrorCode.ModelFormat, $"relation '{relation}' twice in the label model");
                relations.Add(string.Intern(relation));
            }
        }
        for (int c = 0; c < model.ClassCount && LeftLabels == null; c++)
        {
            string name = model.Classes[c];
            if (name == "shift") { ClassTransition[c] = Transition.Shift; ClassLabel[c] = -1; continue; }
            if (name == "reduce") { ClassTransition[c] = Transition.Reduce; ClassLabel[c] = -1; continue; }
            if (name.Length < 3 || name[1] != ':' || name[0] is not ('L' or 'R'))
                throw new DyadException(ErrorCode.ModelFormat, $"parser class '{name}' is not shift, reduce, L:rel or R:rel");
            ClassTransition[c] = name[0] == 'L' ? Transition.LeftArc : Transition.RightArc;
            string relation = name[2..];
            if (!index.TryGetValue(relation, out int r)) { r = relations.Count; index[relation] = r; relations.Add(string.Intern(relation)); }
            ClassLabel[c] = r;
        }
        // pseudo-projective labels "rel^headrel" (see PseudoProjective): the plain relation each stands for and
        // the relation of the word it really hangs from; plain relations map to themselves and -1
        int classRelations = relations.Count;
        int RelationId(string name)
        {
            if (index.TryGetValue(name, out int id)) return id;
            index[name] = relations.Count;
            relations.Add(string.Intern(name));
            return relations.Count - 1;
        }
        var baseLabel = new List<int>();
        var headLabel = new List<int>();
        for (int r = 0; r < classRelations; r++)
        {
            string name = relations[r];
            int cut = name.IndexOf(PseudoProjective.Separator);
            if (cut < 0) { baseLabel.Add(r); headLabel.Add(-1); continue; }
            baseLabel.Add(RelationId(name[..cut]));
            headLabel.Add(RelationId(name[(cut + 1)..]));
            HasLiftedLabels = true;
        }
        for (int r = classRelations; r < relations.Count; r++) { baseLabel.Add(r); headLabel.Add(-1); }
        BaseLabel = [.. baseLabel];
        HeadLabel = [.. headLabel];
        Relations = [.. relations];
        RootLabel = index.GetValueOrDefault("root", 0);
        FallbackLabel = index.GetValueOrDefault("dep", 0);
        PunctuationLabel = index.GetValueOrDefault("punct", FallbackLabel);
        RootClass = Array.FindIndex(model.Classes, name => name == "R:root");
    }

    /// <summary>The transition model: labelled classes (shift, reduce, L:rel, R:rel), or in a hierarchical parser the four transitions.</summary>
    public LinearModel Model { get; }

    /// <summary>Hierarchical parser: the relation of a left arc (B0 the head of S0), scored over <see cref="ParserFeatures.ExtractLabel"/>; null otherwise.</summary>
    public LinearModel? LeftLabels { get; }

    /// <summary>Hierarchical parser: the relation of a right arc (S0 the head of B0), including "root" for the arc from the root; null otherwise.</summary>
    public LinearModel? RightLabels { get; }

    /// <summary>Whether transitions are unlabelled and relations come from <see cref="LeftLabels"/> and <see cref="RightLabels"/>.</summary>
    public bool IsHierarchical => LeftLabels != null;

    /// <summary>The classes of a hierarchical parser's transition model, numbered as <see cref="Transition"/>.</summary>
    public static readonly string[] TransitionClassNames = ["shift", "reduce", "left", "right"];

    /// <summary>The body of a hierarchical parser file starts with this number where an old one has its class count.</summary>
    public const int HierarchicalLayout = -2;

    /// <summary>
    /// The body of a labelled parser trained without some context templates starts with this number, then their
    /// count and numbers, then the model and clusters as before; a parser that reads every template keeps the old layout.
    /// </summary>
    public const int OmittedTemplatesLayout = -3;

    private readonly int[] _omittedTemplates = [];

    /// <summary>
    /// The context templates this parser was trained without (its file records them, so it is parsed with the
    /// features it learned from): leaving out templates that add little saves their lookups, each a cache miss
    /// in tables of tens of megabytes. A labelled parser only.
    /// </summary>
    public int[] OmittedTemplates
    {
        get => _omittedTemplates;
        init
        {
            if (value.Length > 0 && IsHierarchical) throw new DyadException(ErrorCode.ModelFormat, "a hierarchical parser reads every template");
            _omittedTemplates = [.. value.Order()];
            Omitted = ParserFeatures.OmissionMask(_omittedTemplates);
        }
    }

    /// <summary><see cref="OmittedTemplates"/> as the mask <see cref="ParserFeatures.Extract"/> reads (empty when none).</summary>
    public bool[] Omitted { get; private init; } = [];

    /// <summary>
    /// Whether the label models read all of <see cref="ParserFeatures.Extract"/> (word clusters left out) rather
    /// than the few templates of <see cref="ParserFeatures.ExtractLabel"/>: more accurate labels for more memory read per arc.
    /// </summary>
    public bool FullLabelFeatures { get; }

    /// <summary>The label models' features for an arc between S0 and B0 (f must hold <see cref="ParserFeatures.MaxFeatures"/>).</summary>
    public int LabelFeatures(ArcEagerState state, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, Span<ulong> f)
        => FullLabelFeatures ? ParserFeatures.Extract(state, words, tags, [], f) : ParserFeatures.ExtractLabel(state, words, tags, f);

    /// <summary>
    /// Lower-cased word hash → distributional cluster (fine | coarse &lt;&lt; 16, both from 1), the entity
    /// recogniser's clusters copied in at training time so the parser file stands alone; empty in older files.
    /// </summary>
    public Dictionary<ulong, uint> Clusters { get; }

    /// <summary>Whether the model has word clusters; without them the cluster templates are skipped (see <see cref="ParserFeatures.FirstClusterTemplate"/>).</summary>
    public bool HasClusters => Clusters.Count > 0;

    /// <summary>Fill clusters[i] for words 0..length (the root's is <see cref="ParserFeatures.RootCluster"/>, 0 for a word without one).</summary>
    public void ClustersOf(ReadOnlySpan<ulong> words, int length, Span<uint> clusters) => ClustersOf(Clusters, words, length, clusters);

    /// <summary>The same from a given word → cluster table (training encodes its sentences before there is a parser).</summary>
    public static void ClustersOf(Dictionary<ulong, uint> clusterOf, ReadOnlySpan<ulong> words, int length, Span<uint> clusters)
    {
        clusters[0] = ParserFeatures.RootCluster;
        for (int i = 1; i <= length; i++) clusters[i] = clusterOf.TryGetValue(words[i], out uint c) ? c : 0;
    }
    public string[] Relations { get; }
    public Transition[] ClassTransition { get; }
    public int[] ClassLabel { get; }
    public int RootLabel { get; }
    public int FallbackLabel { get; }
    public int PunctuationLabel { get; }
    /// <summary>The class of the right arc labelled "root" (-1 in a model without one).</summary>
    public int RootClass { get; }
    /// <summary>Whether the model has pseudo-projective labels, whose lifts <see cref="Parse"/> undoes.</summary>
    public bool HasLiftedLabels { get; }
    /// <summary>Per relation: the plain relation it stands for (itself unless it is a lifted "rel^headrel").</summary>
    public int[] BaseLabel { get; }
    /// <summary>Per relation: the relation of the original head of a lifted label, -1 for a plain one.</summary>
    public int[] HeadLabel { get; }

    /// <summary>
    /// The class names for a relation set, in the order the model uses: plain relations before lifted ones, so
    /// plain relations keep low numbers (the label-set features give each of the first 63 labels its own bit).
    /// </summary>
    public static string[] ClassNames(IEnumerable<string> relations)
    {
        var sorted = LabelNames(relations);
        return ["shift", "reduce", .. sorted.Select(r => "L:" + r), .. sorted.Select(r => "R:" + r)];
    }

    /// <summary>The label models' classes for a relation set: in the order <see cref="ClassNames"/> gives the relations.</summary>
    public static string[] LabelNames(IEnumerable<string> relations)
        => [.. relations.Distinct().OrderBy(r => r.Contains(PseudoProjective.Separator) ? 1 : 0).ThenBy(r => r, StringComparer.Ordinal)];

    /// <summary>Whether class c may be applied: the transition must be valid, only the root takes "root".</summary>
    public bool IsValid(ArcEagerState state, int c)
    {
        var t = ClassTransition[c];
        return state.IsValid(t) && LabelFits(c, t, fromRoot: state.S0 == 0);
    }

    /// <summary>
    /// Whether class c's label fits its arc: only an arc from the root is "root". Labelled transitions carry the
    /// label in the class; a hierarchical parser's right-arc classes stand for groups of labels, so from the root
    /// the class must hold "root", elsewhere it must not be the class of "root" alone.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool LabelFits(int c, Transition t, bool fromRoot)
    {
        if (IsHierarchical) return t != Transition.RightArc || (fromRoot ? ClassHasRoot[c] : !ClassOnlyRoot[c]);
        if (ClassLabel[c] < 0) return true;
        bool isRoot = ClassLabel[c] == RootLabel;
        return t switch
        {
            Transition.LeftArc => !isRoot,
            Transition.RightArc => fromRoot == isRoot,
            _ => true,
        };
    }

    public int BestValid(ArcEagerState state, ReadOnlySpan<float> scores) => BestValid(state, scores, []);

    /// <summary>
    /// Penn tags of punctuation. UD makes punctuation a leaf (EWT test: 2 of 25,094 words hang from one), but the
    /// greedy parser, left with a clause on the stack and the final stop in the buffer, would now and then make the
    /// stop its head ("…, an official told AFP." with "told" under "."): some 160 words of EWT test, far more in
    /// long news sentences, where the event coder then misses who said what.
    /// </summary>
    private static readonly ulong[] PunctuationTags =
        [.. new[] { ".", ",", ":", "``", "''", "-LRB-", "-RRB-", "HYPH" }.Select(FeatureHash.Of)];

    public static bool IsPunctuationTag(ulong tag) => Array.IndexOf(PunctuationTags, tag) >= 0;

    /// <summary>The Penn tag of sentence-final stops (".", "?", "!").</summary>
    private static readonly ulong StopTag = FeatureHash.Of(".");
    /// <summary>Tags that may follow the final stop: closing quotes and brackets.</summary>
    private static readonly ulong[] ClosingTags = [FeatureHash.Of("''"), FeatureHash.Of("-RRB-")];

    /// <summary>
    /// The best valid class; words marked in <paramref name="leaves"/> (indexed like the state's words, may be
    /// empty) take no dependents. Shift stays possible while the buffer holds a word, so the search never runs dry.
    /// </summary>
    public int BestValid(ArcEagerState state, ReadOnlySpan<float> scores, ReadOnlySpan<bool> leaves)
    {
        // validity depends on the transition type and, for arcs, only on whether the label is "root"
        Span<bool> valid = stackalloc bool[4];
        for (int t = 0; t < 4; t++) valid[t] = state.IsValid((Transition)t);
        bool fromRoot = state.S0 == 0;
        if (!leaves.IsEmpty)
        {
            // a valid left arc has a buffer front
            if (valid[(int)Transition.LeftArc] && leaves[state.Front]) valid[(int)Transition.LeftArc] = false;
            if (valid[(int)Transition.RightArc] && state.S0 > 0 && leaves[state.S0]) valid[(int)Transition.RightArc] = false;
        }
        int best = -1;
        float bestScore = float.NegativeInfinity;
        for (int c = 0; c < scores.Length; c++)
        {
            if (best >= 0 && scores[c] <= bestScore) continue;
            var t = ClassTransition[c];
            if (!valid[(int)t] || !LabelFits(c, t, fromRoot)) continue;
            best = c;
            bestScore = scores[c];
        }
        return best;
    }

    public void Apply(ArcEagerState state, int c) => state.Apply(ClassTransition[c], ClassLabel[c]);

    /// <summary>
    /// Parse words 1..length; heads and labelIds are indexed the same way (entry 0 unused). Lifted arcs are put
    /// back, so labelIds are always plain relations.
    /// </summary>
    public void Parse(ArcEagerState state, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, int length, Span<int> heads, Span<int> labelIds)
    {
        var cache = t_cache;
        if (cache == null || cache.Model != Model) t_cache = cache = new TokenScoreCache(Model, HasClusters);
        Span<uint> clusters = [];
        if (HasClusters)
        {
            var buffer = t_clusters;
            if (buffer == null || buffer.Length <= length) t_clusters = buffer = new uint[Math.Max(length + 1, 128)];
            clusters = buffer.AsSpan(0, length + 1);
            ClustersOf(words, length, clusters);
        }
        state.Reset(length);
        cache.Begin(words, tags, clusters, length);
        Span<ulong> features = stackalloc ulong[ParserFeatures.MaxFeatures];
        Span<float> scores = stackalloc float[Model.ClassCount];
        Span<bool> leaves = length < 512 ? stackalloc bool[length + 1] : new bool[length + 1];
        for (int i = 1; i <= length; i++) leaves[i] = IsPunctuationTag(tags[i]);
        Span<float> labelScores = stackalloc float[LeftLabels?.ClassCount ?? 0];
        while (!state.IsTerminal)
        {
            Score(state, words, tags, clusters, cache, features, scores);
            int c = BestValid(state, scores, leaves);
            var t = ClassTransition[c];
            if (IsHierarchical && t is Transition.LeftArc or Transition.RightArc)
                state.Apply(t, BestLabel(state, c, words, tags, features, labelScores, plainOnly: false));
            else Apply(state, c);
        }
        AttachStrayWords(state, words, tags, clusters, cache, features, scores, leaves);
        state.Finish(FallbackLabel, RootLabel, leaves, PunctuationLabel);
        AttachFinalStopToRoot(state, tags);
        for (int i = 0; i <= length; i++) { heads[i] = state.Heads[i]; labelIds[i] = state.Labels[i]; }
        if (HasLiftedLabels) PseudoProjective.Deprojectivize(heads, labelIds, length, BaseLabel, HeadLabel);
    }

    /// <summary>
    /// Words the transitions left without a head hang from the root's child, as the tree needs; the model picks
    /// their relation, scored as the arc it would have made had the stack been reduced down to the root's child:
    /// a right arc for a word after it ("…, an official told AFP on Monday." with "told" left over is parataxis,
    /// not "dep", which EWT never uses), a left arc with the root's child in front of the buffer for a word before
    /// it. First, a stray word that the model scores higher than the root's child for the root arc (each scored
    /// from a stack holding only the root) takes the root's place, and the old root's child becomes a stray word:
    /// the transitions pick the root early, often a fragment before the main clause. Punctuation is left to
    /// <see cref="ArcEagerState.Finish(int, int, ReadOnlySpan{bool}, int)"/>.
    /// </summary>
    private void AttachStrayWords(ArcEagerState state, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<uint> clusters,
        TokenScoreCache cache, Span<ulong> features, Span<float> scores, ReadOnlySpan<bool> leaves)
    {
        int rootChild = state.RootChild();
        if (rootChild < 0) rootChild = AttachStrayRoot(state, words, tags, clusters, cache, features, scores, leaves);
        else rootChild = BetterStrayRoot(state, words, tags, clusters, cache, features, scores, leaves, rootChild);
        if (rootChild < 0) return;
        Span<float> labelScores = stackalloc float[LeftLabels?.ClassCount ?? 0];
        for (int i = 1; i <= state.Length; i++)
        {
            if (state.Heads[i] != ArcEagerState.None || leaves[i]) continue;
            bool before = i < rootChild;
            if (before) state.LookAtLateAttachment(i, rootChild); else state.LookAtLateAttachment(rootChild, i);
            var arc = before ? Transition.LeftArc : Transition.RightArc;
            Score(state, words, tags, clusters, cache, features, scores);
            if (IsHierarchical)
            {
                // the best arc class of that direction, then its best relation
                int bestClass = -1;
                for (int c = 2; c < scores.Length; c++)
                    if (ClassTransition[c] == arc && !ClassOnlyRoot[c] && (bestClass < 0 || scores[c] > scores[bestClass])) bestClass = c;
                state.AttachLate(rootChild, i, BestLabel(state, bestClass, words, tags, features, labelScores, plainOnly: true));
                continue;
            }
            int best = -1;
            for (int c = 0; c < scores.Length; c++)
                if (ClassTransition[c] == arc && ClassLabel[c] != RootLabel && BaseLabel[ClassLabel[c]] == ClassLabel[c]
                    && (best < 0 || scores[c] > scores[best])) best = c;
            state.AttachLate(rootChild, i, best >= 0 ? ClassLabel[best] : FallbackLabel);
        }
    }

    /// <summary>
    /// The root's child, or the stray word (not punctuation) that the model scores higher for the root arc, which
    /// then replaces it under the root (the old one is left without a head, for <see cref="AttachStrayWords"/>).
    /// </summary>
    private int BetterStrayRoot(ArcEagerState state, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<uint> clusters, TokenScoreCache cache,
        Span<ulong> features, Span<float> scores, ReadOnlySpan<bool> leaves, int rootChild)
    {
        if (RootClass < 0 && !IsHierarchical) return rootChild;
        int better = -1;
        float bestScore = 0;
        for (int i = 1; i <= state.Length; i++)
        {
            if (state.Heads[i] != ArcEagerState.None || leaves[i]) continue;
            if (better < 0)
            {
                // scored only when there is a stray word (most sentences have none)
                bestScore = RootArcScore(state, rootChild, words, tags, clusters, cache, features, scores);
                better = rootChild;
            }
            float score = RootArcScore(state, i, words, tags, clusters, cache, features, scores);
            if (score > bestScore) { bestScore = score; better = i; }
        }
        if (better < 0 || better == rootChild) return rootChild;
        state.Detach(rootChild);
        state.AttachLate(0, better, RootLabel);
        return better;
    }

    /// <summary>
    /// The score of the arc from the root to <paramref name="word"/>, from a stack holding only the root: the
    /// "R:root" class's score, or in a hierarchical parser the right arc's score plus the root label's.
    /// </summary>
    private float RootArcScore(ArcEagerState state, int word, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<uint> clusters, TokenScoreCache cache,
        Span<ulong> features, Span<float> scores)
    {
        state.LookAtLateAttachment(0, word);
        Score(state, words, tags, clusters, cache, features, scores);
        if (!IsHierarchical) return scores[RootClass];
        int rootClass = RightClassOf[RootLabel];
        float arc = scores[rootClass];
        if (ClassOnlyRoot[rootClass]) return arc;
        Span<float> labelScores = stackalloc float[RightLabels!.ClassCount];
        LabelScores(RightLabels, state, words, tags, features, labelScores);
        return arc + labelScores[RootLabel];
    }

    /// <summary>The label model's scores for an arc between S0 and B0 (features overwritten).</summary>
    private void LabelScores(LinearModel labels, ArcEagerState state, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, Span<ulong> features, Span<float> labelScores)
    {
        int n = LabelFeatures(state, words, tags, features);
        labelScores.Clear();
        labels.AddScores(features[..n], labelScores);
    }

    /// <summary>
    /// Hierarchical parser: the relation of the arc <paramref name="arc"/> between S0 and B0. The arc from the
    /// root is "root"; any other takes the label model's best relation but "root" (with <paramref name="plainOnly"/>,
    /// also no lifted pseudo-projective relation, for words attached after the transitions).
    /// </summary>
    public int BestLabel(ArcEagerState state, int arcClass, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, Span<ulong> features, Span<float> labelScores, bool plainOnly)
    {
        var arc = ClassTransition[arcClass];
        if (arc == Transition.RightArc && state.S0 == 0) return RootLabel;
        LabelScores(arc == Transition.LeftArc ? LeftLabels! : RightLabels!, state, words, tags, features, labelScores);
        return BestLabel(labelScores, arcClass, plainOnly);
    }

    /// <summary>
    /// The best relation of the arc class <paramref name="arcClass"/> but "root" in label scores (and with
    /// <paramref name="plainOnly"/> not a lifted one); the fallback when none is left.
    /// </summary>
    public int BestLabel(ReadOnlySpan<float> labelScores, int arcClass, bool plainOnly)
    {
        var classOf = ClassTransition[arcClass] == Transition.LeftArc ? LeftClassOf : RightClassOf;
        int best = -1;
        for (int r = 0; r < labelScores.Length; r++)
        {
            if (r == RootLabel || classOf[r] != arcClass || (plainOnly && BaseLabel[r] != r)) continue;
            if (best < 0 || labelScores[r] > labelScores[best]) best = r;
        }
        return best >= 0 ? best : FallbackLabel;
    }

    internal int AttachStrayRoot(ArcEagerState state, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<bool> leaves)
    {
        var cache = CacheFor(state, words, tags, out var clusters);
        return AttachStrayRoot(state, words, tags, clusters, cache, new ulong[ParserFeatures.MaxFeatures], new float[Model.ClassCount], leaves);
    }

    /// <summary>For tests: <see cref="AttachStrayWords(ArcEagerState, ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, ReadOnlySpan{uint}, TokenScoreCache, Span{ulong}, Span{float}, ReadOnlySpan{bool})"/> on a finished state.</summary>
    internal void AttachStrayWords(ArcEagerState state, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<bool> leaves)
    {
        var cache = CacheFor(state, words, tags, out var clusters);
        AttachStrayWords(state, words, tags, clusters, cache, new ulong[ParserFeatures.MaxFeatures], new float[Model.ClassCount], leaves);
    }

    /// <summary>For the test entry points above: a score cache begun for the state's sentence, and its word clusters.</summary>
    private TokenScoreCache CacheFor(ArcEagerState state, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, out uint[] clusters)
    {
        var cache = new TokenScoreCache(Model, HasClusters);
        clusters = HasClusters ? new uint[state.Length + 1] : [];
        if (HasClusters) ClustersOf(words, state.Length, clusters);
        cache.Begin(words, tags, clusters, state.Length);
        return cache;
    }

    private int AttachStrayRoot(ArcEagerState state, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<uint> clusters, TokenScoreCache cache,
        Span<ulong> features, Span<float> scores, ReadOnlySpan<bool> leaves)
    {
        int best = -1;
        float bestScore = float.NegativeInfinity;
        for (int i = 1; i <= state.Length; i++)
        {
            if (state.Heads[i] != ArcEagerState.None || leaves[i]) continue;
            float score = RootClass >= 0 || IsHierarchical ? RootArcScore(state, i, words, tags, clusters, cache, features, scores) : 0;
            if (best < 0 || score > bestScore) { best = i; bestScore = score; }
        }
        if (best >= 0) state.AttachLate(0, best, RootLabel);
        return best;
    }

    /// <summary>
    /// The sentence's closing stop ("." "?" "!", before any closing quotes or brackets) hangs from the root's child,
    /// as UD attaches it to the main clause; the greedy parser sometimes hangs it from the last clause instead
    /// ("He said he would come." with "." under "come"). Only when the stop is the last word of that kind, so a
    /// stop inside a quoted sentence ("…come." she said) is left to the model.
    /// </summary>
    internal void AttachFinalStopToRoot(ArcEagerState state, ReadOnlySpan<ulong> tags)
    {
        int last = state.Length;
        while (last > 0 && Array.IndexOf(ClosingTags, tags[last]) >= 0) last--;
        if (last <= 0 || tags[last] != StopTag || state.Heads[last] == 0) return;
        int rootChild = state.RootChild();
        if (rootChild < 0 || state.Heads[last] == rootChild) return;
        state.Heads[last] = rootChild;
        state.Labels[last] = PunctuationLabel;
    }

    // Callers keep one ArcEagerState per thread; the score cache goes with it (one per thread and model) so that
    // Parse keeps its signature and allocates nothing per sentence.
    [ThreadStatic] private static TokenScoreCache? t_cache;
    [ThreadStatic] private static uint[]? t_clusters;

    /// <summary>
    /// The scores of every class in this configuration (cache begun for the sentence): the context templates
    /// looked up in the model, the single-token templates from the cache. Equal to <see cref="LinearModel.AddScores"/>
    /// over <see cref="ParserFeatures.Extract"/> but for the order of float additions.
    /// </summary>
    public void Score(ArcEagerState state, ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<uint> clusters, TokenScoreCache cache, Span<ulong> features, Span<float> scores)
    {
        int n = ParserFeatures.ExtractContext(state, words, tags, clusters, features, Omitted);
        scores.Clear();
        Model.AddScores(features[..n], scores);
        Span<int> roles = stackalloc int[ParserFeatures.RoleCount];
        ParserFeatures.Roles(state, roles);
        cache.AddScores(roles, scores);
    }

    public void Write(BinaryWriter w)
    {
        if (IsHierarchical)
        {
            // a layout of its own: the marker, three models, and the cluster table (its count even when empty)
            w.Write(HierarchicalLayout);
            w.Write(FullLabelFeatures ? 1 : 0);
            Model.Write(w);
            LeftLabels!.Write(w);
            RightLabels!.Write(w);
            w.Write(Relations.Length);
            for (int r = 0; r < Relations.Length; r++) { w.Write(LeftClassOf[r]); w.Write(RightClassOf[r]); }
            WriteClusters(w);
            return;
        }
        if (OmittedTemplates.Length > 0)
        {
            w.Write(OmittedTemplatesLayout);
            w.Write(OmittedTemplates.Length);
            foreach (int id in OmittedTemplates) w.Write(id);
        }
        Model.Write(w);
        if (Clusters.Count == 0) return;   // the file stays as before clusters
        WriteClusters(w);
    }

    /// <summary>The cluster table: its count, then (word, cluster) pairs by word.</summary>
    private void WriteClusters(BinaryWriter w)
    {
        w.Write(Clusters.Count);
        foreach (var (word, cluster) in Clusters.OrderBy(p => p.Key)) { w.Write(word); w.Write(cluster); }
    }

    public static DependencyParser Read(BinaryReader r)
    {
        int first = r.ReadInt32();
        if (first == HierarchicalLayout)
        {
            int flags = r.ReadInt32();
            if ((flags & ~1) != 0) throw new DyadException(ErrorCode.ModelFormat, "unknown hierarchical parser flags");
            var transitions = LinearModel.Read(r);
            var left = LinearModel.Read(r);
            var right = LinearModel.Read(r);
            int relations = r.ReadInt32();
            if (relations != left.ClassCount) throw new DyadException(ErrorCode.ModelFormat, "arc classes disagree with the label model");
            var leftClassOf = new sbyte[relations];
            var rightClassOf = new sbyte[relations];
            for (int i = 0; i < relations; i++) { leftClassOf[i] = r.ReadSByte(); rightClassOf[i] = r.ReadSByte(); }
            return new DependencyParser(transitions, left, right, ReadClusters(r), (flags & 1) != 0, leftClassOf, rightClassOf);
        }
        int[] omitted = [];
        if (first == OmittedTemplatesLayout)
        {
            int count = r.ReadInt32();
            if (count <= 0 || count > ParserFeatures.ContextTemplateIds.Length) throw new DyadException(ErrorCode.ModelFormat, "bad count of omitted templates");
            omitted = new int[count];
            for (int i = 0; i < count; i++) omitted[i] = r.ReadInt32();
            first = r.ReadInt32();
        }
        return new DependencyParser(LinearModel.Read(r, first), ReadClusters(r)) { OmittedTemplates = omitted };
    }

    private static Dictionary<ulong, uint> ReadClusters(BinaryReader r)
    {
        // files written before word clusters end here
        var clusters = new Dictionary<ulong, uint>();
        if (r.BaseStream.Position < r.BaseStream.Length)
        {
            int m = r.ReadInt32();
            if (m < 0 || (long)m * 12 > r.BaseStream.Length - r.BaseStream.Position) throw new DyadException(ErrorCode.ModelFormat, "bad cluster count");
            clusters.EnsureCapacity(m);
            for (int i = 0; i < m; i++) clusters[r.ReadUInt64()] = r.ReadUInt32();
        }
        return clusters;
    }
}
