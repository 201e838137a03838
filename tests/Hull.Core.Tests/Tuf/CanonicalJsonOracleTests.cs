using System.Text;
using System.Text.Json;
using CsCheck;
using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

/// <summary>Our canonical bytes against securesystemslib's encode_canonical, the encoder python-tuf signs with.</summary>
public sealed class CanonicalJsonOracleTests
{
    [Fact]
    public void Encode_RandomValues_MatchSecureSystemsLib()
    {
        using var temp = new TempDirectory();
        CanonicalJsonGen.Value.Array[100].Sample(batch =>
        {
            var documents = batch.Select(CanonicalJsonGen.ToJson).ToList();
            var expected = SecureSystemsLib.EncodeCanonical(documents, temp);

            expected.Count.ShouldBe(documents.Count);
            for (var i = 0; i < documents.Count; i++)
            {
                using var document = JsonDocument.Parse(documents[i]);
                var ours = CanonicalJson.Encode(document.RootElement);
                ours.ShouldBe(expected[i], $"{documents[i]}\nours:   {Encoding.UTF8.GetString(ours)}\ntheirs: {Encoding.UTF8.GetString(expected[i])}");
            }
        }, iter: 10, threads: 1);
    }

    [Fact]
    public void Encode_SignedMetadata_MatchesSecureSystemsLib()
    {
        using var scenario = TufScenario.Create(rootKeys: 2, rootThreshold: 2);
        scenario.Release("hull/2.0.img", [1, 2, 3], JsonDocument.Parse("""{"version":"2.0+b1","notes":"ü \"quoted\" \\ path"}""").RootElement);
        using var temp = new TempDirectory();
        var files = new[] { "root.json", "targets.json", "snapshot.json", "timestamp.json" };
        var signedObjects = files.Select(f =>
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(scenario.MetadataFile(f)));
            return document.RootElement.GetProperty("signed").GetRawText();
        }).ToList();

        // Indented JSON has line breaks only between tokens (never inside strings), so one document per line is safe.
        var expected = SecureSystemsLib.EncodeCanonical([.. signedObjects.Select(s => s.ReplaceLineEndings(""))], temp);

        for (var i = 0; i < files.Length; i++)
        {
            using var document = JsonDocument.Parse(signedObjects[i]);
            CanonicalJson.Encode(document.RootElement).ShouldBe(expected[i], files[i]);
        }
    }
}
