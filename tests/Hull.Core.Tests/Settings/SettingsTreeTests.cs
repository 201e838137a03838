using System.Text.Json.Nodes;
using Hull.Settings;

namespace Hull.Core.Tests.Settings;

public sealed class SettingsTreeTests
{
    [Fact]
    public void Flatten_NestedSettings_GivesDottedKeysAndJsonText()
    {
        var settings = SettingsSamples.Json(
            "{'motd':'hi','ntp':{'time-servers':['a']},'kernel':{'sysctl':{'net.ipv4.ip_forward':'1'}},'updates':{'seed':7,'ignore-waves':false}}");

        SettingsTree.Flatten(settings).ShouldBe(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["settings.kernel.sysctl.\"net.ipv4.ip_forward\""] = "\"1\"",
            ["settings.motd"] = "\"hi\"",
            ["settings.ntp.time-servers"] = "[\"a\"]",
            ["settings.updates.ignore-waves"] = "false",
            ["settings.updates.seed"] = "7",
        });
    }

    [Fact]
    public void Flatten_ArrayOfObjects_IsOneValue()
    {
        var settings = SettingsSamples.Json("{'container-registry':{'mirrors':[{'registry':'docker.io','endpoint':['https://m']}]}}");

        SettingsTree.Flatten(settings).ShouldHaveSingleItem().ShouldBe(new KeyValuePair<string, string>(
            "settings.container-registry.mirrors", "[{\"registry\":\"docker.io\",\"endpoint\":[\"https://m\"]}]"));
    }

    [Fact]
    public void Flatten_NonAsciiText_IsWrittenReadably()
    {
        SettingsTree.Flatten(SettingsSamples.Json("{'motd':'héllo <b>'}"))["settings.motd"].ShouldBe("\"héllo <b>\"");
    }

    [Fact]
    public void Unflatten_WithPrefix_SkipsOtherKeysAndParsesQuotedSegments()
    {
        var flat = new Dictionary<string, string>
        {
            ["settings.kernel.sysctl.\"net.ipv4.ip_forward\""] = "\"1\"",
            ["settings.motd"] = "\"hi\"",
            ["services.ntp.restart-commands"] = "[]",
            ["settingsx.motd"] = "\"no\"",
        };

        var tree = SettingsTree.Unflatten(flat, "settings");

        JsonNode.DeepEquals(tree, SettingsSamples.Json("{'motd':'hi','kernel':{'sysctl':{'net.ipv4.ip_forward':'1'}}}")).ShouldBeTrue(tree.ToJsonString());
    }

    [Fact]
    public void Unflatten_WithoutPrefix_KeepsTheWholeKey()
    {
        var tree = SettingsTree.Unflatten(new Dictionary<string, string> { ["settings.motd"] = "\"hi\"" }, null);

        tree.ToJsonString().ShouldBe("{\"settings\":{\"motd\":\"hi\"}}");
    }

    [Theory]
    [InlineData("settings.a", "settings.a.b", "is a value and cannot also hold keys")]
    [InlineData("settings.a", "settings.\"a\"", "given twice")]
    public void Unflatten_KeyIsLeafAndParent_ThrowsNamingTheKey(string first, string second, string fragment)
    {
        var flat = new SortedDictionary<string, string>(StringComparer.Ordinal) { [first] = "1", [second] = "2" };

        Should.Throw<FormatException>(() => SettingsTree.Unflatten(flat)).Message.ShouldContain(fragment);
    }

    [Theory]
    [InlineData("settings.motd", "not json", "settings.motd: the stored value is not JSON")]
    [InlineData("settings.motd", "{\"a\":1}", "settings.motd: a leaf value cannot be an object")]
    [InlineData("settings..motd", "1", "empty segment")]
    [InlineData("settings.\"motd", "1", "unterminated quoted segment")]
    [InlineData("settings.a b", "1", "must be inside a quoted segment")]
    [InlineData("settings.\"a\"b", "1", "expected '.' after a quoted segment")]
    public void Unflatten_BadEntry_ThrowsNamingIt(string key, string value, string fragment)
    {
        Should.Throw<FormatException>(() => SettingsTree.Unflatten(new Dictionary<string, string> { [key] = value }))
            .Message.ShouldContain(fragment);
    }

    [Theory]
    [InlineData("motd", "motd")]
    [InlineData("net.ipv4.ip_forward", "\"net.ipv4.ip_forward\"")]
    [InlineData("", "\"\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    public void Quote_Segment_IsBareOnlyWhenSafe(string segment, string expected)
    {
        SettingsKey.Quote(segment).ShouldBe(expected);
        SettingsKey.Split(expected).ShouldBe([segment]);
    }
}
