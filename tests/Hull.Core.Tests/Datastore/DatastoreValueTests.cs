using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

public sealed class DatastoreValueTests
{
    [Theory]
    [InlineData("\"hello\"", "\"hello\"")]
    [InlineData(" 42 ", "42")]
    [InlineData("true", "true")]
    [InlineData("null", "null")]
    [InlineData("[ \"a\",\n  \"b\" ]", "[\"a\",\"b\"]")]
    [InlineData("[{\"name\": \"x\"}]", "[{\"name\":\"x\"}]")]
    [InlineData("\"caf\u00e9 <b>\"", "\"caf\u00e9 <b>\"")]
    public void Normalise_ScalarOrArray_ReturnsCompactJson(string json, string expected)
    {
        DatastoreValue.Normalise("settings.x", json).Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("\"unterminated")]
    [InlineData("[1,]")]
    [InlineData("1 2")]
    [InlineData("// comment\n1")]
    public void Normalise_MalformedJson_ErrorNamesKey(string json)
    {
        var result = DatastoreValue.Normalise("settings.motd", json);

        result.Error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidValue);
        result.Error.Subject.ShouldBe("settings.motd");
        result.Error.Message.ShouldContain("'settings.motd'");
        result.Error.Message.ShouldContain("not well-formed JSON");
    }

    [Fact]
    public void Normalise_Object_IsRefusedWithHowToFlatten()
    {
        var result = DatastoreValue.Normalise("settings.ntp", "{\"time-servers\": []}");

        result.Error.ShouldNotBeNull().Kind.ShouldBe(DatastoreErrorKind.InvalidValue);
        result.Error.Message.ShouldContain("JSON object");
        result.Error.Message.ShouldContain("'settings.ntp.<field>'");
    }

    [Fact]
    public void NormaliseMetadata_Object_IsAccepted()
    {
        DatastoreValue.NormaliseMetadata("settings.x", "{ \"a\": 1 }").Value.ShouldBe("{\"a\":1}");
    }
}
