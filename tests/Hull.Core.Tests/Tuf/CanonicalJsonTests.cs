using System.Text;
using System.Text.Json;
using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Encode_KeysAboveBmp_SortsByCodePointNotUtf16()
    {
        // UTF-16 ordinal order would put the emoji (a surrogate pair, 0xD83D...) before U+FFFD.
        var encoded = Encode("""{"😀":4,"\uFFFD":3,"b":1,"a":2}""");

        Encoding.UTF8.GetString(encoded).ShouldBe("{\"a\":2,\"b\":1,\"\uFFFD\":3,\"😀\":4}");
    }

    [Fact]
    public void Encode_Strings_EscapesOnlyQuoteAndBackslash()
    {
        var encoded = Encode("""["a\"b\\c\n\u0001é\/\u00e9"]""");

        encoded.ShouldBe(Encoding.UTF8.GetBytes("[\"a\\\"b\\\\c\n\u0001é/é\"]"));
    }

    [Fact]
    public void Encode_NestedWithWhiteSpace_WritesNoWhiteSpace()
    {
        var encoded = Encode("""
            { "z" : [ 1 , true , false , null , { "y" : "" } ] ,
              "a" : { } , "m" : [ ] }
            """);

        Encoding.UTF8.GetString(encoded).ShouldBe("""{"a":{},"m":[],"z":[1,true,false,null,{"y":""}]}""");
    }

    [Theory]
    [InlineData("-0", "0")]
    [InlineData("-17", "-17")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    public void Encode_Integers_WritesTheirCanonicalText(string json, string expected) =>
        Encoding.UTF8.GetString(Encode(json)).ShouldBe(expected);

    [Theory]
    [InlineData("""{"a":{"b":[1.5]}}""", "$[\"a\"][\"b\"][0]")]
    [InlineData("""{"a":1e3}""", "$[\"a\"]")]
    [InlineData("""[1.0]""", "$[0]")]
    public void Encode_Float_ThrowsNamingThePath(string json, string path)
    {
        var error = Should.Throw<CanonicalJsonException>(() => Encode(json));

        error.Message.ShouldContain(path);
        error.Message.ShouldContain("not an integer");
    }

    [Fact]
    public void Encode_DuplicateKey_Throws()
    {
        var error = Should.Throw<CanonicalJsonException>(() => Encode("""{"version":1,"version":2}"""));

        error.Message.ShouldContain("$[\"version\"]");
        error.Message.ShouldContain("more than once");
    }

    [Fact]
    public void Encode_LoneSurrogate_Throws() =>
        Should.Throw<CanonicalJsonException>(() => Encode("""["\ud800"]""")).Message.ShouldContain("$[0]");

    [Fact]
    public void Parse_RawControlCharacters_Accepted()
    {
        var node = CanonicalJson.Parse(Encoding.UTF8.GetBytes("{\"a\":\"x\ny\u0000\",\"b\":[-5,0,true,null]}"));

        node!["a"]!.GetValue<string>().ShouldBe("x\ny\0");
        node["b"]![0]!.GetValue<long>().ShouldBe(-5);
        node["b"]![3].ShouldBeNull();
    }

    [Theory]
    [InlineData(" 1", "unexpected byte")]
    [InlineData("1 ", "extra bytes")]
    [InlineData("""{"b":1,"a":2}""", "sorted")]
    [InlineData("""{"a":1,"a":1}""", "sorted")]
    [InlineData("01", "not a canonical integer")]
    [InlineData("-0", "not a canonical integer")]
    [InlineData("+1", "unexpected byte")]
    [InlineData("1.0", "no floats")]
    [InlineData("1e2", "no floats")]
    [InlineData("99999999999999999999", "64 bits")]
    [InlineData("""["\u0041"]""", "escape \\u")]
    [InlineData("""["\n"]""", "escape \\n")]
    [InlineData("[1,]", "unexpected byte")]
    [InlineData("{}x", "extra bytes")]
    [InlineData("tru", "expected true")]
    [InlineData("[1", "found the end")]
    [InlineData("", "end of input")]
    public void Parse_NotCanonical_Throws(string input, string reason) =>
        Should.Throw<CanonicalJsonException>(() => CanonicalJson.Parse(Encoding.UTF8.GetBytes(input))).Message.ShouldContain(reason);

    [Fact]
    public void Parse_InvalidUtf8_Throws() =>
        Should.Throw<CanonicalJsonException>(() => CanonicalJson.Parse([(byte)'"', 0xff, (byte)'"'])).Message.ShouldContain("UTF-8");

    private static byte[] Encode(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CanonicalJson.Encode(document.RootElement);
    }
}
