using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

public sealed class DatastoreKeyTests
{
    [Theory]
    [InlineData("settings.motd", new[] { "settings", "motd" })]
    [InlineData("settings.ntp.time-servers", new[] { "settings", "ntp", "time-servers" })]
    [InlineData("settings.kernel.sysctl.\"net.ipv4.ip_forward\"", new[] { "settings", "kernel", "sysctl", "net.ipv4.ip_forward" })]
    [InlineData("\"a b\".\"c=d\"", new[] { "a b", "c=d" })]
    [InlineData("x", new[] { "x" })]
    public void Parse_ValidKey_ReturnsSegments(string text, string[] segments)
    {
        var key = DatastoreKey.Parse(text);

        key.Value.Segments.ShouldBe(segments);
        key.Value.ToString().ShouldBe(text);
    }

    [Fact]
    public void Parse_NeedlesslyQuotedSegment_FormatsWithoutQuotes()
    {
        var key = DatastoreKey.Parse("settings.\"motd\"").Value;

        key.ToString().ShouldBe("settings.motd");
        key.ShouldBe(DatastoreKey.Parse("settings.motd").Value);
    }

    [Theory]
    [InlineData("", "segment 1 is empty")]
    [InlineData("settings.", "segment 2 is empty")]
    [InlineData(".motd", "segment 1 is empty")]
    [InlineData("settings..motd", "segment 2 is empty")]
    [InlineData("settings.\"\"", "segment 2 is empty")]
    [InlineData("settings.mo td", "needs quotes")]
    [InlineData("settings.net.ipv4=1", "needs quotes")]
    [InlineData("settings.mo\"td\"", "needs quotes")]
    [InlineData("settings.\"net.ipv4", "never closed")]
    [InlineData("settings.\"a\"b", "expected '.'")]
    [InlineData("settings.\"tab\there\"", "outside printable ASCII")]
    [InlineData("settings.\"caf\u00e9\"", "outside printable ASCII")]
    public void Parse_InvalidKey_ErrorNamesKeyAndRule(string text, string why)
    {
        var key = DatastoreKey.Parse(text);

        key.Succeeded.ShouldBeFalse();
        key.Error.Kind.ShouldBe(DatastoreErrorKind.InvalidKey);
        key.Error.Subject.ShouldBe(text);
        key.Error.Message.ShouldContain($"'{text}'");
        key.Error.Message.ShouldContain(why);
        key.Error.Message.ShouldContain(DatastoreKey.Rule);
    }

    [Fact]
    public void FromSegments_SegmentWithDots_QuotesIt()
    {
        var key = DatastoreKey.FromSegments(["settings", "kernel", "sysctl", "vm.swappiness"]);

        key.Value.ToString().ShouldBe("settings.kernel.sysctl.\"vm.swappiness\"");
    }

    [Theory]
    [InlineData("")]
    [InlineData("say \"hi\"")]
    [InlineData("new\nline")]
    public void FromSegments_UnrepresentableSegment_IsInvalidKey(string segment)
    {
        var key = DatastoreKey.FromSegments(["settings", segment]);

        key.Error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidKey);
    }

    [Fact]
    public void StartsWith_WholeSegmentsOnly_MatchesPrefixNotLongerName()
    {
        var ntp = DatastoreKey.Parse("settings.ntp").Value;

        DatastoreKey.Parse("settings.ntp.time-servers").Value.StartsWith(ntp).ShouldBeTrue();
        DatastoreKey.Parse("settings.ntp").Value.StartsWith(ntp).ShouldBeTrue();
        DatastoreKey.Parse("settings.ntpx").Value.StartsWith(ntp).ShouldBeFalse();
        DatastoreKey.Parse("settings").Value.StartsWith(ntp).ShouldBeFalse();
    }
}
