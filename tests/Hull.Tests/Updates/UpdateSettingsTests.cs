using System.Text.Json.Nodes;
using Hull.Updates;

namespace Hull.Tests.Updates;

public sealed class UpdateSettingsTests
{
    [Fact]
    public void Parse_Defaults_LatestAndWaves()
    {
        var settings = UpdateSettings.Parse(JsonNode.Parse("""
            {"metadata-base-url":"https://u.example/metadata/","targets-base-url":"https://u.example/targets/","seed":42,"version-lock":"latest","ignore-waves":false}
            """));

        settings.MetadataBaseUrl.ShouldBe(new Uri("https://u.example/metadata/"));
        settings.Policy.ShouldBe(new UpdatePolicy(42, null, false));
    }

    [Fact]
    public void Parse_LockAndIgnoreWaves_Read()
    {
        var settings = UpdateSettings.Parse(JsonNode.Parse("""
            {"metadata-base-url":"http://10.0.2.100/m","targets-base-url":"http://10.0.2.100/t","seed":7,"version-lock":"v2.1.0","ignore-waves":true}
            """));

        settings.Policy.ShouldBe(new UpdatePolicy(7, new HullVersion(2, 1, 0), true));
    }

    [Theory]
    [InlineData("""{"targets-base-url":"http://x/t","seed":1}""", "settings.updates.metadata-base-url is not set")]
    [InlineData("""{"metadata-base-url":"ftp://x/m","targets-base-url":"http://x/t","seed":1}""", "settings.updates.metadata-base-url: 'ftp://x/m' is not an http or https URL")]
    [InlineData("""{"metadata-base-url":"http://x/m","targets-base-url":"http://x/t"}""", "settings.updates.seed is not set")]
    [InlineData("""{"metadata-base-url":"http://x/m","targets-base-url":"http://x/t","seed":"3"}""", "settings.updates.seed is not a number")]
    [InlineData("""{"metadata-base-url":"http://x/m","targets-base-url":"http://x/t","seed":2048}""", "settings.updates.seed: 2048 is outside 0-2047")]
    [InlineData("""{"metadata-base-url":"http://x/m","targets-base-url":"http://x/t","seed":1,"version-lock":"2.1"}""", "settings.updates.version-lock: '2.1' is neither latest nor a version like 1.2.3")]
    [InlineData("null", "settings.updates is not set")]
    public void Parse_Wrong_NamesTheKey(string json, string error)
    {
        Should.Throw<FormatException>(() => UpdateSettings.Parse(JsonNode.Parse(json))).Message.ShouldBe(error);
    }
}
