using System.Reflection;
using Dyad.Documents;
using Dyad.Nlp.Entities;
using Dyad.Nlp.Models;
using static Dyad.Nlp.Entities.EntityGazetteer;

namespace Dyad.Training;

/// <summary>
/// Builds the recogniser's gazetteer from Dyad's own embedded tables: places (cities, countries, first-level
/// regions, aliases), demonyms, organisations (companies included) of the actor knowledge base, its office holders,
/// the training project's list of other organisations (news outlets, parties, agencies, companies, universities,
/// clubs: <c>Gazetteer/organisation-names.tsv</c>), and given names as name words.
/// </summary>
public static class EntityGazetteerBuilder
{
    /// <summary>Whether the organisation list joins the gazetteer (NER_ORGANISATIONS=0 leaves it out, for comparison).</summary>
    public static readonly bool UseOrganisationList = (Environment.GetEnvironmentVariable("NER_ORGANISATIONS") ?? "1") == "1";

    public static EntityGazetteer Build()
    {
        var names = new Dictionary<ulong, byte>();
        var parts = new Dictionary<ulong, byte>();
        void Add(string name, Kinds kinds)
        {
            name = name.Trim();
            if (name.StartsWith("the ", StringComparison.Ordinal)) name = name[4..];
            if (name.StartsWith('~')) name = name[1..];
            if (name.Length < 2) return;
            foreach (var variant in new[] { name, name.Replace("-", " - ", StringComparison.Ordinal) })
            {
                var words = variant.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0 || words.Length > MaxWords) continue;
                var hashes = words.Select(w => FeatureHash.OfLower(w)).ToArray();
                ulong key = KeyOf(hashes);
                names[key] = (byte)(names.GetValueOrDefault(key) | (byte)kinds);
                if (words.Length > 1)
                    foreach (var h in hashes) parts[h] = (byte)(parts.GetValueOrDefault(h) | (byte)kinds);
            }
        }
        foreach (var row in Rows("Places/gazetteer.tsv"))
        {
            Add(row[1], Kinds.Location);
            if (row.Length > 8) foreach (var a in row[8].Split('|')) Add(a, Kinds.Location);
        }
        foreach (var row in Rows("Places/countries.tsv"))
        {
            Add(row[2], Kinds.Location);
            foreach (var a in row[5].Split('|')) Add(a, Kinds.Location);
            if (row.Length > 6) foreach (var a in row[6].Split('|')) Add(a, Kinds.Demonym);
        }
        foreach (var row in Rows("Places/regions.tsv"))
        {
            Add(row[2], Kinds.Location);
            if (row.Length > 5) foreach (var a in row[5].Split('|')) Add(a, Kinds.Location);
        }
        foreach (var row in Rows("Places/place-aliases.tsv")) Add(row[0], Kinds.Location);
        foreach (var row in Rows("Coding/Actors/KnowledgeBase/states.tsv"))
        {
            Add(row[1], Kinds.Location);
            foreach (var a in row[2].Split('|')) Add(a, Kinds.Location);
            Add(row[3], Kinds.Demonym);
            Add(row[4], Kinds.Location);
        }
        foreach (var row in Rows("Coding/Actors/KnowledgeBase/organisations.tsv"))
        {
            Add(row[3], Kinds.Organisation);
            if (row.Length > 4) foreach (var a in row[4].Split('|')) Add(a, Kinds.Organisation);
        }
        if (UseOrganisationList)
            foreach (var row in Rows(typeof(EntityGazetteerBuilder).Assembly, "Gazetteer/organisation-names.tsv"))
                foreach (var name in row[0].Split('|')) Add(name, Kinds.Organisation);
        foreach (var row in Rows("Coding/Actors/KnowledgeBase/people.tsv"))
        {
            Add(row[0], Kinds.Person);
            foreach (var a in row[1].Split('|')) Add(a, Kinds.Person);
        }
        // a given name alone is a name word, as if it were part of a longer name: "Destiny" in "Destiny Allison"
        foreach (var name in GivenNames.All)
        {
            ulong word = FeatureHash.OfLower(name);
            parts[word] = (byte)(parts.GetValueOrDefault(word) | (byte)Kinds.Person);
        }
        TrainingContext.Log($"ner gazetteer: {names.Count} names, {parts.Count} name words");
        return new EntityGazetteer(names, parts);
    }

    private static IEnumerable<string[]> Rows(string resource) => Rows(typeof(Document).Assembly, resource);

    private static IEnumerable<string[]> Rows(Assembly assembly, string resource)
    {
        string name = assembly.GetManifestResourceNames().Single(n => n.Replace('\\', '/').EndsWith(resource, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            yield return line.Split('\t');
        }
    }
}
