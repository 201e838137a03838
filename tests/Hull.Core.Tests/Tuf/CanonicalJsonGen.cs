using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace Hull.Core.Tests.Tuf;

/// <summary>Random JSON values within canonical JSON's domain, biased towards what breaks encoders: quotes, backslashes, control characters, non-ASCII and astral characters, key order.</summary>
internal static class CanonicalJsonGen
{
    private static readonly Gen<string> Piece = Gen.Frequency(
        (4, Gen.Char["abcxyzAZ09 _-.:"].Select(c => c.ToString())),
        (1, Gen.Char['\0', '\u001f'].Select(c => c.ToString())),
        (1, Gen.Char["\"\\/'"].Select(c => c.ToString())),
        (1, Gen.Char['\u0080', '\u07ff'].Select(c => c.ToString())),
        (1, Gen.Char['\u0800', '\ud7ff'].Select(c => c.ToString())),
        (1, Gen.Char['\ue000', '\uffff'].Select(c => c.ToString())),
        (1, Gen.Int[0x10000, 0x10ffff].Select(char.ConvertFromUtf32)));

    public static readonly Gen<string> Text = Piece.Array[0, 6].Select(string.Concat);

    private static readonly Gen<long> Integer = Gen.Frequency(
        (3, Gen.Long[-1000, 1000]),
        (1, Gen.Long),
        (1, Gen.OneOf(Gen.Const(long.MinValue), Gen.Const(long.MaxValue), Gen.Const(0L))));

    public static readonly Gen<JsonNode?> Value = Gen.Recursive<JsonNode?>((depth, self) =>
    {
        var leaf = Gen.Frequency(
            (3, Text.Select(s => (JsonNode?)JsonValue.Create(s))),
            (3, Integer.Select(l => (JsonNode?)JsonValue.Create(l))),
            (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
            (1, Gen.Const(() => (JsonNode?)null)));
        if (depth >= 4)
        {
            return leaf;
        }

        var array = self.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]));
        var obj = Gen.Select(Text.Array[0, 5], self.Array[5], (keys, values) =>
        {
            var result = new JsonObject();
            foreach (var (key, i) in keys.Distinct(StringComparer.Ordinal).Select((k, i) => (k, i)))
            {
                result[key] = values[i]?.DeepClone();
            }

            return (JsonNode?)result;
        });
        return Gen.Frequency((3, leaf), (1, array), (2, obj));
    });

    /// <summary>Plain JSON text (every non-ASCII character \u-escaped), as another program would write it.</summary>
    public static string ToJson(JsonNode? node) => node?.ToJsonString() ?? "null";

    /// <summary>The same value as indented JSON with every object's keys in reverse order: far from canonical.</summary>
    public static string ToScrambledJson(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            WriteScrambled(node, writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteScrambled(JsonNode? node, Utf8JsonWriter writer)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.Reverse())
                {
                    writer.WritePropertyName(key);
                    WriteScrambled(value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteScrambled(item, writer);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
