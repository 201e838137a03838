using System.Text;
using System.Text.Json.Nodes;
using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

public sealed class TufMetadataParserTests
{
    [Fact]
    public void Timestamp_WrittenByTheWriter_Parses()
    {
        using var s = TufScenario.Create();

        var parsed = TufMetadataParser.Timestamp(File.ReadAllBytes(s.MetadataFile("timestamp.json")), "timestamp.json");

        parsed.Error.ShouldBeNull();
        parsed.Value.Signed.Version.ShouldBe(1);
        parsed.Value.Signed.Expires.ShouldBe(TufScenario.Start + TimeSpan.FromDays(1));
        parsed.Value.Signatures.Single().KeyId.ShouldBe(s.TimestampKey.KeyId);
    }

    [Theory]
    [InlineData("version", "1.5", TufErrorKind.Malformed, "no canonical JSON form")]
    [InlineData("version", "0", TufErrorKind.Malformed, "not a positive integer")]
    [InlineData("version", "\"1\"", TufErrorKind.Malformed, "not timestamp metadata")]
    [InlineData("_type", "\"snapshot\"", TufErrorKind.Malformed, "expected 'timestamp'")]
    [InlineData("spec_version", "\"2.0.0\"", TufErrorKind.UnsupportedSpecVersion, "'2.0.0' is not 1.x")]
    [InlineData("expires", "\"2030-01-01T00:00:00+00:00\"", TufErrorKind.Malformed, "YYYY-MM-DDTHH:MM:SSZ")]
    [InlineData("meta", "null", TufErrorKind.Malformed, "not timestamp metadata")]
    public void Timestamp_FieldBroken_RefusedNamingTheFile(string field, string json, TufErrorKind kind, string reason)
    {
        using var s = TufScenario.Create();
        var text = Edit(s.MetadataFile("timestamp.json"), signed => signed[field] = JsonNode.Parse(json));

        var parsed = TufMetadataParser.Timestamp(Encoding.UTF8.GetBytes(text), "timestamp.json");

        parsed.Error!.Kind.ShouldBe(kind);
        parsed.Error.Message.ShouldStartWith("timestamp.json: ");
        parsed.Error.Message.ShouldContain(reason);
    }

    [Fact]
    public void Timestamp_DuplicateKeyInSigned_Refused()
    {
        using var s = TufScenario.Create();
        var text = File.ReadAllText(s.MetadataFile("timestamp.json")).Replace("\"version\": 1", "\"version\": 1, \"version\": 9", StringComparison.Ordinal);

        var parsed = TufMetadataParser.Timestamp(Encoding.UTF8.GetBytes(text), "timestamp.json");

        parsed.Error!.Kind.ShouldBe(TufErrorKind.Malformed);
    }

    [Fact]
    public void Timestamp_NotJson_Refused() =>
        TufMetadataParser.Timestamp("<html>"u8.ToArray(), "timestamp.json").Error!.Kind.ShouldBe(TufErrorKind.Malformed);

    [Fact]
    public void Root_KeyIdNotTheHashOfItsKey_Refused()
    {
        using var s = TufScenario.Create();
        var text = Edit(s.MetadataFile("root.json"), signed =>
        {
            var keys = signed["keys"]!.AsObject();
            var (id, key) = keys.First();
            keys.Remove(id);
            keys[new string('a', 64)] = key;
        });

        var parsed = TufMetadataParser.Root(Encoding.UTF8.GetBytes(text), "root.json");

        parsed.Error!.Kind.ShouldBe(TufErrorKind.Malformed);
        parsed.Error.Message.ShouldContain($"keyid {new string('a', 64)} is not the SHA-256 of its key");
    }

    [Fact]
    public void Root_RoleMissing_Refused()
    {
        using var s = TufScenario.Create();
        var text = Edit(s.MetadataFile("root.json"), signed => signed["roles"]!.AsObject().Remove("snapshot"));

        TufMetadataParser.Root(Encoding.UTF8.GetBytes(text), "root.json").Error!.Message.ShouldBe("root.json: roles has no 'snapshot'");
    }

    [Fact]
    public void Root_UnknownFields_KeptAndCoveredBySignatures()
    {
        using var s = TufScenario.Create();
        var text = Edit(s.MetadataFile("root.json"), signed => signed["x-hull"] = "extra");

        var parsed = TufMetadataParser.Root(Encoding.UTF8.GetBytes(text), "root.json");

        parsed.Value.Signed.Extra!["x-hull"].GetString().ShouldBe("extra");
        Encoding.UTF8.GetString(parsed.Value.SignedBytes).ShouldContain("\"x-hull\":\"extra\"");
        TufSignatureCheck.Check(parsed.Value.Signed, "root", parsed.Value, "root.json")!.Kind.ShouldBe(TufErrorKind.ThresholdNotMet);
    }

    private static string Edit(string file, Action<JsonObject> edit)
    {
        var envelope = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        edit(envelope["signed"]!.AsObject());
        return envelope.ToJsonString();
    }
}
