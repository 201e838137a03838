using Hull.Settings;

namespace Hull.Core.Tests.Settings;

public sealed class SettingsKeyPairsTests
{
    [Theory]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("42", "42")]
    [InlineData("-1", "-1")]
    [InlineData("1.5", "1.5")]
    [InlineData("hello there", "\"hello there\"")]
    [InlineData("[1,2]", "\"[1,2]\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("042", "\"042\"")]
    [InlineData("", "\"\"")]
    [InlineData("1e400", "\"1e400\"")]
    public void Value_Text_TypedAsBottlerocketDoes(string text, string json)
    {
        SettingsKeyPairs.Value(text).ToJsonString().ShouldBe(json);
    }

    [Fact]
    public void Value_QuotedText_IsAStringWithItsQuotes()
    {
        SettingsKeyPairs.Value("\"quoted\"").GetValue<string>().ShouldBe("\"quoted\"");
    }

    [Fact]
    public void Parse_PairsWithAndWithoutPrefix_NestedPatch()
    {
        var (patch, errors) = SettingsKeyPairs.Parse(["motd=hi there", "settings.kernel.lockdown=integrity", "kernel.sysctl.\"net.ipv4.ip_forward\"=1", "a=b=c"]);

        errors.ShouldBeEmpty();
        patch!.ToJsonString().ShouldBe("""{"motd":"hi there","kernel":{"lockdown":"integrity","sysctl":{"net.ipv4.ip_forward":1}},"a":"b=c"}""");
    }

    [Fact]
    public void Parse_SameKeyTwice_LaterWins()
    {
        SettingsKeyPairs.Parse(["motd=one", "settings.motd=two"]).Patch!["motd"]!.GetValue<string>().ShouldBe("two");
    }

    [Fact]
    public void Parse_BadPairs_EveryProblemNamed()
    {
        var (patch, errors) = SettingsKeyPairs.Parse(["no-equals", "=value", "bad key=1", "settings=1", "motd=x", "motd.sub=y", "ntp.x.y=1", "ntp.x=2"]);

        patch.ShouldBeNull();
        errors.Count.ShouldBe(6);
        errors[0].ShouldContain("\"no-equals\" is not KEY=VALUE");
        errors[1].ShouldContain("\"=value\" is not KEY=VALUE");
        errors[2].ShouldContain("bad key");
        errors[3].ShouldContain("names no setting");
        errors[4].ShouldBe("settings.motd.sub: settings.motd is set to a value by another pair, so it cannot hold keys");
        errors[5].ShouldBe("settings.ntp.x: other pairs set keys under it, so it cannot also be a value");
    }

    [Fact]
    public void Parse_ValidPairs_PassTheValidatorLikeAJsonPatch()
    {
        var (patch, _) = SettingsKeyPairs.Parse(["motd=42", "updates.seed=7", "host-containers.admin.enabled=true"]);

        SettingsValidator.Validate(patch!).Select(e => e.Message).ShouldBe(["settings.motd: expected a string, got a number"]);
    }
}
