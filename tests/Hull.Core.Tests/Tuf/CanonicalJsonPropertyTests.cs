using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

public sealed class CanonicalJsonPropertyTests
{
    [Fact]
    public void EncodeThenParse_AnyValue_RoundTrips() =>
        CanonicalJsonGen.Value.Sample(node =>
        {
            var canonical = Encode(CanonicalJsonGen.ToJson(node));

            JsonNode.DeepEquals(CanonicalJson.Parse(canonical), node).ShouldBeTrue(Encoding.UTF8.GetString(canonical));
        }, iter: 2000);

    [Fact]
    public void Encode_KeyOrderAndWhiteSpace_DoNotChangeTheBytes() =>
        CanonicalJsonGen.Value.Sample(node =>
        {
            Encode(CanonicalJsonGen.ToScrambledJson(node)).ShouldBe(Encode(CanonicalJsonGen.ToJson(node)));
        }, iter: 2000);

    [Fact]
    public void Parse_AnyOtherSpellingOfTheValue_IsRefused() =>
        CanonicalJsonGen.Value.Sample(node =>
        {
            var canonical = Encode(CanonicalJsonGen.ToJson(node));
            var scrambled = Encoding.UTF8.GetBytes(CanonicalJsonGen.ToScrambledJson(node));

            if (scrambled.AsSpan().SequenceEqual(canonical))
            {
                CanonicalJson.Parse(scrambled);
            }
            else
            {
                Should.Throw<CanonicalJsonException>(() => CanonicalJson.Parse(scrambled));
            }
        }, iter: 2000);

    [Fact]
    public void Encode_ItsOwnOutputReadBack_IsUnchanged() =>
        CanonicalJsonGen.Value.Sample(node =>
        {
            var canonical = Encode(CanonicalJsonGen.ToJson(node));

            Encode(CanonicalJsonGen.ToJson(CanonicalJson.Parse(canonical))).ShouldBe(canonical);
        }, iter: 2000);

    private static byte[] Encode(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CanonicalJson.Encode(document.RootElement);
    }
}
