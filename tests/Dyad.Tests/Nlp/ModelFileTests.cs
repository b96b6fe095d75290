using Dyad.Errors;
using Dyad.Nlp.Entities;
using Dyad.Nlp.Parsing;
using Dyad.Nlp.Tagging;
using Dyad.Nlp.Models;

namespace Dyad.Tests.Nlp;

public class ModelFileTests
{
    private static LinearModel SmallModel()
        => new(["a", "b", "c"], [5UL, 9UL], [0, 2, 3], [0, 2, 1], [1.5f, -0.25f, 2f]);

    [Fact]
    public void LinearModelRoundTripsThroughItsBinaryForm()
    {
        var bytes = ModelFile.Serialize("test", w => SmallModel().Write(w));
        var path = Path.Combine(Path.GetTempPath(), $"dyad-model-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, bytes);
        try
        {
            var model = ModelFile.Load(path, "test", ModelFile.Sha256(bytes), LinearModel.Read);
            var scores = new float[3];
            model.AddScores([5UL, 9UL, 77UL], scores);
            Assert.Equal([1.5f, 2f, -0.25f], scores);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MeanAveragesEachWeightOverAllModelsAndPrunesAsStored()
    {
        // feature 5: a=1.5 and c=-0.25 in the first model only; feature 9: b=2 in the first, b=1 and a=0.5 in the second
        var other = new LinearModel(["a", "b", "c"], [9UL, 12UL], [0, 2, 3], [0, 1, 2], [0.5f, 1f, 0.1f]);
        var mean = LinearModel.Mean([SmallModel(), other], 0f);
        var scores = new float[3];
        mean.AddScores([5UL], scores);
        Assert.Equal([0.75f, 0f, -0.125f], scores);
        Array.Clear(scores);
        mean.AddScores([9UL, 12UL], scores);
        Assert.Equal([0.25f, 1.5f, 0.05f], scores, (x, y) => Math.Abs(x - y) < 1e-3f);
        // pruning the mean later gives the same model as averaging with the higher threshold
        var later = ModelFile.Serialize("test", w => LinearModel.Mean([SmallModel(), other], 0.05f).Pruned(0.2f).Write(w));
        Assert.Equal(later, ModelFile.Serialize("test", w => LinearModel.Mean([SmallModel(), other], 0.2f).Write(w)));
    }

    [Fact]
    public void ParserFileRecordsTheTemplatesItWasTrainedWithout()
    {
        var model = new LinearModel(["shift", "reduce", "L:dep", "R:dep"], [9UL], [0, 1], [2], [1.5f]);
        var lean = new DependencyParser(model) { OmittedTemplates = [30, 12] };
        var read = DependencyParser.Read(new BinaryReader(new MemoryStream(Body(lean))));
        Assert.Equal([12, 30], read.OmittedTemplates);
        Assert.True(read.Omitted[12] && read.Omitted[30] && !read.Omitted[13]);
        Assert.Equal(Body(lean), Body(read));
        // a pruned copy keeps them; a parser reading every template keeps the layout from before (class count first)
        Assert.Equal([12, 30], lean.WithTransitionModel(model.Pruned(0f)).OmittedTemplates);
        var full = new DependencyParser(model);
        Assert.Equal(4, BitConverter.ToInt32(Body(full), 0));
        Assert.Equal(DependencyParser.OmittedTemplatesLayout, BitConverter.ToInt32(Body(lean), 0));
        Assert.Empty(DependencyParser.Read(new BinaryReader(new MemoryStream(Body(full)))).OmittedTemplates);
    }

    private static byte[] Body(DependencyParser parser)
    {
        var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream)) parser.Write(w);
        return stream.ToArray();
    }

    [Fact]
    public void TheShippedParserReadsEveryTemplateAsItsRebuildCommandTrainsIt()
    {
        // its rebuild command sets no PARSER_OMIT, so training leaves nothing out; the lean candidate's list is valid
        Assert.Empty(TestModels.Models.Parser.OmittedTemplates);
        Assert.DoesNotContain("PARSER_OMIT", ModelManifest.Load(TestModels.Directory()).Entry(DependencyParser.Kind)["rebuild"]!.GetValue<string>());
        Assert.Equal(28, ParserFeatures.OmissionMask(Dyad.Training.ParserTrainer.LeanOmittedTemplates).Count(x => x));
    }

    [Fact]
    public void ParserFileKeepsItsWordClusters()
    {
        var parser = new DependencyParser(new LinearModel(["shift", "reduce", "L:dep", "R:dep"], [], [0], [], []), new Dictionary<ulong, uint> { [7UL] = 3u | (2u << 16) });
        var bytes = ModelFile.Serialize(DependencyParser.Kind, parser.Write);
        var path = Path.Combine(Path.GetTempPath(), $"dyad-parser-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, bytes);
        try
        {
            var read = ModelFile.Load(path, DependencyParser.Kind, ModelFile.Sha256(bytes), DependencyParser.Read);
            var clusters = new uint[3];
            read.ClustersOf([DependencyParser.RootWord, 7UL, 8UL], 2, clusters);
            Assert.Equal([ParserFeatures.RootCluster, 3u | (2u << 16), 0u], clusters);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void SerialisingTwiceGivesIdenticalBytes()
        => Assert.Equal(ModelFile.Serialize("test", w => SmallModel().Write(w)), ModelFile.Serialize("test", w => SmallModel().Write(w)));

    [Fact]
    public void LoaderRefusesAFileWhoseChecksumDiffers()
    {
        var bytes = ModelFile.Serialize("test", w => SmallModel().Write(w));
        var path = Path.Combine(Path.GetTempPath(), $"dyad-model-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, bytes);
        try
        {
            var e = Assert.Throws<DyadException>(() => ModelFile.Load(path, "test", new string('0', 64), LinearModel.Read));
            Assert.Equal(ErrorCode.ModelChecksum, e.Code);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void LoaderRefusesTheWrongKind()
    {
        var bytes = ModelFile.Serialize("tagger", w => SmallModel().Write(w));
        var path = Path.Combine(Path.GetTempPath(), $"dyad-model-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, bytes);
        try
        {
            var e = Assert.Throws<DyadException>(() => ModelFile.Load(path, "parser", null, LinearModel.Read));
            Assert.Equal(ErrorCode.ModelFormat, e.Code);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ShippedManifestChecksumsMatchTheModelFiles()
    {
        var manifest = ModelManifest.Load(TestModels.Directory());
        foreach (var kind in new[] { "tagger", "lemmatizer", "parser", "ner" })
        {
            Assert.True(manifest.Has(kind), $"manifest lists no {kind}");
            Assert.Equal(manifest.Sha256Of(kind), ModelFile.Sha256(ModelFile.ReadAllBytes(manifest.PathOf(kind))));
        }
    }

    [Fact]
    public void AModelPutInTheManifestRecordsTheRuntimeItWasTrainedWith()
    {
        var folder = Directory.CreateTempSubdirectory("dyad-manifest-");
        try
        {
            var manifest = ModelManifest.LoadOrCreate(folder.FullName);
            manifest.Put("tagger", "tagger.bin", ModelFile.Serialize("tagger", w => SmallModel().Write(w)), new System.Text.Json.Nodes.JsonObject { ["epochs"] = 1 });
            manifest.Save();
            var saved = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(folder.FullName, ModelManifest.FileName)))!;
            var trainedOn = saved["models"]!["tagger"]!["trainedOn"]!;
            Assert.Equal(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription, (string?)trainedOn["runtime"]);
            Assert.Equal(System.Numerics.Vector<float>.Count, (int)trainedOn["vectorFloats"]!);
            Assert.Equal(1, (int)saved["models"]!["tagger"]!["epochs"]!);
        }
        finally { folder.Delete(recursive: true); }
    }

    [Fact]
    public void ShippedModelFilesStayUnderTwentyMegabytes()
    {
        foreach (var file in Directory.GetFiles(TestModels.Directory()))
            Assert.True(new FileInfo(file).Length < 20_000_000, $"{Path.GetFileName(file)} is {new FileInfo(file).Length:N0} bytes");
    }

    [Fact]
    public void AModelLargerThanOnePartIsWrittenInPartsAndReadBackWhole()
    {
        // a body just over one part, so the header and the start of the model land in part 0 and the rest in part 1
        var padding = new byte[ModelFile.MaxPartBytes + 1000];
        new Random(7).NextBytes(padding);
        var bytes = ModelFile.Serialize("test", w => { SmallModel().Write(w); w.Write(padding.Length); w.Write(padding); });
        var folder = Directory.CreateTempSubdirectory("dyad-parts-");
        var path = Path.Combine(folder.FullName, "big.bin");
        try
        {
            var written = ModelFile.Write(path, bytes);
            Assert.Equal(["big.part0.bin", "big.part1.bin"], written);
            Assert.False(File.Exists(path));
            Assert.Equal(bytes, ModelFile.ReadAllBytes(path));
            var (model, tail) = ModelFile.Load(path, "test", ModelFile.Sha256(bytes), r => (LinearModel.Read(r), r.ReadBytes(r.ReadInt32())));
            Assert.Equal(padding, tail);
            var scores = new float[3];
            model.AddScores([5UL, 9UL], scores);
            Assert.Equal([1.5f, 2f, -0.25f], scores);

            // a changed byte in the last part is a checksum error, like in a whole file
            var last = Path.Combine(folder.FullName, "big.part1.bin");
            var lastBytes = File.ReadAllBytes(last);
            lastBytes[^1] ^= 0xFF;
            File.WriteAllBytes(last, lastBytes);
            var e = Assert.Throws<DyadException>(() => ModelFile.Load(path, "test", ModelFile.Sha256(bytes), r => (LinearModel.Read(r), r.ReadBytes(r.ReadInt32()))));
            Assert.Equal(ErrorCode.ModelChecksum, e.Code);

            // writing a small model again replaces the parts
            var small = ModelFile.Serialize("test", w => SmallModel().Write(w));
            Assert.Equal(["big.bin"], ModelFile.Write(path, small));
            Assert.False(File.Exists(Path.Combine(folder.FullName, "big.part0.bin")));
            Assert.Equal(small, ModelFile.ReadAllBytes(path));
        }
        finally { folder.Delete(recursive: true); }
    }

    [Fact]
    public void AModelWithNeitherFileNorPartsIsMissing()
    {
        var e = Assert.Throws<DyadException>(() => ModelFile.Load(Path.Combine(Path.GetTempPath(), $"dyad-none-{Guid.NewGuid():N}.bin"), "test", null, LinearModel.Read));
        Assert.Equal(ErrorCode.ModelMissing, e.Code);
    }
}

public class LinearModelLookupTests
{
    [Fact]
    public void KeysSharingTheirLowBitsAreNotConfused()
    {
        // 5, 21 and 2^40 + 5 all land on the same home slot of a small table
        var model = new LinearModel(["a", "b"], [5UL, 21UL], [0, 1, 2], [0, 1], [1f, 2f]);
        var scores = new float[2];
        model.AddScores([(1UL << 40) + 5, 37UL], scores);
        Assert.Equal([0f, 0f], scores);
        model.AddScores([21UL, 5UL, 21UL], scores);
        Assert.Equal([1f, 4f], scores);
    }
}

public class ShippedModelBytesTests
{
    [Fact]
    public void LoadedModelsWriteBackTheBytesTheyWereReadFrom()
    {
        var models = TestModels.Models;
        Assert.Equal(models.Manifest.Sha256Of(PosTagger.Kind), ModelFile.Sha256(ModelFile.Serialize(PosTagger.Kind, models.Tagger.Write)));
        Assert.Equal(models.Manifest.Sha256Of(DependencyParser.Kind), ModelFile.Sha256(ModelFile.Serialize(DependencyParser.Kind, models.Parser.Write)));
        Assert.Equal(models.Manifest.Sha256Of(EntityRecognizer.Kind), ModelFile.Sha256(ModelFile.Serialize(EntityRecognizer.Kind, models.EntityRecognizer.Write)));
    }
}

public class ModelLoadingTests
{
    [Fact]
    public void HalfToSingleAgreesWithTheRuntimeConversionForEveryBitPattern()
    {
        for (int bits = 0; bits <= ushort.MaxValue; bits++)
        {
            float expected = (float)BitConverter.UInt16BitsToHalf((ushort)bits), actual = LinearModel.HalfToSingle((ushort)bits);
            if (float.IsNaN(expected)) Assert.True(float.IsNaN(actual), $"bits {bits:X4}");
            else Assert.Equal(BitConverter.SingleToUInt32Bits(expected), BitConverter.SingleToUInt32Bits(actual));
        }
    }

    [Fact]
    public void ACorruptedFileIsReportedAsAChecksumMismatchEvenWhenItsBodyNoLongerParses()
    {
        var bytes = ModelFile.Serialize("test", w => new LinearModel(["a", "b"], [5UL, 9UL], [0, 1, 2], [0, 1], [1f, 2f]).Write(w));
        string sha = ModelFile.Sha256(bytes);
        // the feature count sits after the header and the two class names: make it absurd
        int at = "DYADNLP"u8.Length + 4 + 1 + "test".Length + 4 + 2 + 2;
        bytes[at + 3] = 0x7F;
        var path = Path.Combine(Path.GetTempPath(), $"dyad-model-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, bytes);
        try
        {
            Assert.Equal(ErrorCode.ModelChecksum, Assert.Throws<DyadException>(() => ModelFile.Load(path, "test", sha, LinearModel.Read)).Code);
            Assert.Equal(ErrorCode.ModelFormat, Assert.Throws<DyadException>(() => ModelFile.Load(path, "test", null, LinearModel.Read)).Code);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void TrailingBytesTheBodyDoesNotReadAreStillChecked()
    {
        var bytes = ModelFile.Serialize("test", w => { new LinearModel(["a"], [5UL], [0, 1], [0], [1f]).Write(w); w.Write(42); });
        var path = Path.Combine(Path.GetTempPath(), $"dyad-model-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, bytes);
        try
        {
            Assert.NotNull(ModelFile.Load(path, "test", ModelFile.Sha256(bytes), LinearModel.Read));
            bytes[^1] ^= 1;
            File.WriteAllBytes(path, bytes);
            Assert.Equal(ErrorCode.ModelChecksum, Assert.Throws<DyadException>(() => ModelFile.Load(path, "test", ModelFile.Sha256([.. bytes[..^1], (byte)(bytes[^1] ^ 1)]), LinearModel.Read)).Code);
        }
        finally { File.Delete(path); }
    }
}

public class LinearModelDenseRowTests
{
    // 12 classes: rows of at least 8 entries are also kept dense
    private static readonly string[] Classes = [.. Enumerable.Range(0, 12).Select(i => $"c{i}")];

    private static LinearModel Model()
    {
        // key 7: a long row (classes 0..9, in scrambled order); key 9: a short row (classes 3 and 11)
        ushort[] longClasses = [4, 0, 9, 2, 7, 1, 8, 3, 6, 5];
        float[] longWeights = [.. longClasses.Select(c => 0.5f + c)];
        return new LinearModel(Classes, [7UL, 9UL], [0, 10, 12], [.. longClasses, 3, 11], [.. longWeights, -1f, 2f]);
    }

    [Fact]
    public void ALongRowIsKeptDenseAndScoresAsItsEntries()
    {
        var model = Model();
        Assert.Equal(1, model.DenseRowCount);
        var scores = new float[12];
        model.AddScores([9UL, 7UL, 7UL], scores);
        float[] expected = [.. Enumerable.Range(0, 12).Select(c => c < 10 ? 2 * (0.5f + c) : 0f)];
        expected[3] += -1f;
        expected[11] += 2f;
        Assert.Equal(expected, scores);
    }

    [Fact]
    public void DenseRowsWriteAndPruneLikeSparseOnes()
    {
        var model = Model();
        var bytes = ModelFile.Serialize("test", model.Write);
        var read = LinearModel.Read(new BinaryReader(new MemoryStream(bytes[(7 + 4 + 5)..])));
        Assert.Equal(bytes, ModelFile.Serialize("test", read.Write));
        var pruned = model.Pruned(5f);   // keeps classes 5..9 of the long row (5 entries: sparse now) and drops key 9
        Assert.Equal(0, pruned.DenseRowCount);
        var scores = new float[12];
        pruned.AddScores([7UL, 9UL], scores);
        Assert.Equal([.. Enumerable.Range(0, 12).Select(c => c is >= 5 and <= 9 ? 0.5f + c : 0f)], scores);
    }

    [Fact]
    public void ManyTargetsEachGetTheirOwnFeaturesWeights()
    {
        var model = Model();
        var targets = new float[36];
        model.AddScores([7UL, 9UL, 7UL, 5UL], [0, 24, 24, 12], targets);
        var single = new float[12];
        model.AddScores([7UL], single);
        Assert.Equal(single, targets[..12]);
        Assert.All(targets[12..24], v => Assert.Equal(0f, v));
        var both = new float[12];
        model.AddScores([9UL, 7UL], both);
        Assert.Equal(both, targets[24..]);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.AddScores([7UL], [25], targets));
    }

    [Fact]
    public void AWeightForAClassTheModelLacksIsRefused()
    {
        var e = Assert.Throws<DyadException>(() => new LinearModel(["a", "b"], [5UL], [0, 1], [2], [1f]));
        Assert.Equal(ErrorCode.ModelFormat, e.Code);
    }
}

public class LinearModelPrefetchTests
{
    [Fact]
    public void PrefetchedScoresEqualTheTouchingPathAndTheRowsSums()
    {
        // 40 classes (past the compact layout), 3,000 rows of 1 to 40 entries: short rows sparse, long ones dense;
        // half the looked-up keys absent, and keys that share a home slot so that probes run on
        var random = new Random(20261203);
        const int classCount = 40, rowCount = 3000;
        string[] classes = [.. Enumerable.Range(0, classCount).Select(i => $"c{i}")];
        var keys = new ulong[rowCount];
        var rowStart = new List<int> { 0 };
        var classIds = new List<ushort>();
        var weights = new List<float>();
        var expectedRows = new Dictionary<ulong, float[]>();
        for (int r = 0; r < rowCount; r++)
        {
            keys[r] = r % 3 == 0 ? (ulong)r << 32 : (ulong)random.NextInt64();
            var row = new float[classCount];
            foreach (int c in Enumerable.Range(0, classCount).OrderBy(_ => random.Next()).Take(1 + random.Next(classCount)))
            {
                float w = (float)(Half)(random.NextSingle() * 4 - 2);
                if (w == 0) continue;
                classIds.Add((ushort)c);
                weights.Add(w);
                row[c] = w;
            }
            rowStart.Add(weights.Count);
            expectedRows[keys[r]] = row;
        }
        var model = new LinearModel(classes, keys, [.. rowStart], [.. classIds], [.. weights]);
        Assert.False(model.IsCompact);
        Assert.True(model.DenseRowCount > 0);
        for (int round = 0; round < 50; round++)
        {
            ulong[] features = [.. Enumerable.Range(0, 90).Select(_ => random.Next(2) == 0 ? keys[random.Next(rowCount)] : (ulong)random.NextInt64())];
            var prefetched = new float[classCount];
            var touched = new float[classCount];
            model.AddScores(features, prefetched);
            model.AddScoresWithoutPrefetch(features, touched);
            Assert.Equal(touched, prefetched);
            var expected = new float[classCount];
            foreach (var f in features)
                if (expectedRows.TryGetValue(f, out var row))
                    for (int c = 0; c < classCount; c++) expected[c] += row[c];
            Assert.Equal(expected, prefetched, (x, y) => Math.Abs(x - y) < 1e-3f);
        }
    }
}
