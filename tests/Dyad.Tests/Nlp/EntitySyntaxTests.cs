using Dyad.Documents;
using Dyad.Nlp.Conllu;
using Dyad.Nlp.Entities;
using Dyad.Nlp.Models;
using Dyad.Nlp.Parsing;
using Dyad.Nlp.Tagging;

namespace Dyad.Tests.Nlp;

/// <summary>The dependency context the recogniser reads (each word's relation and head word) and that it reads it.</summary>
public class EntitySyntaxTests
{
    [Fact]
    public void RelationsLoseTheirSubtypes()
    {
        Assert.Equal(EntitySyntax.RelationOf("obl"), EntitySyntax.RelationOf("obl:tmod"));
        Assert.Equal(EntitySyntax.RelationOf("nmod"), EntitySyntax.RelationOf("nmod:poss"));
        Assert.NotEqual(EntitySyntax.RelationOf("nsubj"), EntitySyntax.RelationOf("obj"));
        Assert.NotEqual(EntitySyntax.RelationOf("nsubj"), EntitySyntax.RelationOf(null));
    }

    [Fact]
    public void DescribesEachWordByItsRelationAndItsHeadsLowerCasedForm()
    {
        var document = TreebankEvaluation.GoldTokenDocument(["Talks", "ended", "in", "Vienna"]);
        int[] heads = [1, -1, 3, 1];
        string[] relations = ["nsubj", "root", "case", "obl:lmod"];
        for (int i = 0; i < 4; i++) { document.Head[i] = heads[i]; document.Relation[i] = relations[i]; }
        var rel = new ulong[4];
        var head = new ulong[4];
        EntitySyntax.Describe(document, rel, head);
        Assert.Equal(EntitySyntax.RootHead, head[1]);
        Assert.Equal(EntitySyntax.HeadOf("ended"), head[3]);
        Assert.Equal(EntitySyntax.HeadOf("ENDED"), head[0]);
        Assert.Equal(EntitySyntax.RelationOf("obl"), rel[3]);
        // the entities stage's way, reading head hashes from the words it has described, gives the same values
        var words = Enumerable.Range(0, 4).Select(t => WordInfo.Of(document.TokenSpan(t))).ToArray();
        var fromWords = new ulong[4];
        EntitySyntax.Describe(document, new ulong[4], fromWords, words);
        Assert.Equal(head, fromWords);
    }

    [Fact]
    public void TheShippedRecogniserWeighsTheParse()
    {
        // the same words and tags scored with and without their parse: a recogniser trained without syntax
        // features (NER_SYNTAX=0) would score them the same
        var models = TestModels.Models;
        var recognizer = models.EntityRecognizer;
        string[] words = ["Officials", "in", "Kabul", "said", "Taliban", "fighters", "attacked", "police", "posts", "."];
        var analysis = TreebankEvaluation.Analyse(new TaggerStage(models.Tagger), new ParserStage(models.Parser), words);
        var info = words.Select(w => recognizer.Describe(w)).ToArray();
        var names = new ulong[words.Length];
        var parts = new ulong[words.Length];
        recognizer.Gazetteer.Describe(info, names, parts);
        var clusters = new uint[words.Length];
        recognizer.ClustersOf(info, clusters);
        var features = new ulong[EntityFeatures.MaxFeatures];
        var with = new float[recognizer.Model.ClassCount];
        var without = new float[recognizer.Model.ClassCount];
        bool differs = false;
        for (int i = 0; i < words.Length; i++)
        {
            Array.Clear(with);
            Array.Clear(without);
            int n = EntityFeatures.ExtractStatic(new EntityFeatures.Context(info, analysis.Tags, names, parts, clusters, analysis.Relations, analysis.Heads), i, features);
            recognizer.Model.AddScores(features.AsSpan(0, n), with);
            n = EntityFeatures.ExtractStatic(new EntityFeatures.Context(info, analysis.Tags, names, parts, clusters), i, features);
            recognizer.Model.AddScores(features.AsSpan(0, n), without);
            differs |= !with.SequenceEqual(without);
        }
        Assert.True(differs, "no word scores differently with its parse");
        Assert.Equal(true, ModelManifest.Load(TestModels.Directory()).Entry(EntityRecognizer.Kind)?["hyperParameters"]?["syntaxFeatures"]?.GetValue<bool>());
    }

    [Fact]
    public void TheParseComesBeforeTheEntitiesStage()
    {
        var names = TestModels.Models.Stages().Select(s => s.Name).ToList();
        Assert.True(names.IndexOf("parse") >= 0 && names.IndexOf("parse") < names.IndexOf("entities"), string.Join(",", names));
    }
}
