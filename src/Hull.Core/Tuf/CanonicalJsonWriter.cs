using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Hull.Tuf;

/// <summary>Writes a parsed JSON value in canonical form; the path in each error says where the value breaks it.</summary>
internal static class CanonicalJsonWriter
{
    // Throws on lone surrogates instead of writing U+FFFD: the signer and the verifier must agree on bytes.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Write(JsonElement value, IBufferWriter<byte> output, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(value, output, path);
                break;
            case JsonValueKind.Array:
                WriteArray(value, output, path);
                break;
            case JsonValueKind.String:
                WriteString(ReadString(value, path), output, path);
                break;
            case JsonValueKind.Number:
                WriteInteger(value, output, path);
                break;
            case JsonValueKind.True:
                output.Write("true"u8);
                break;
            case JsonValueKind.False:
                output.Write("false"u8);
                break;
            case JsonValueKind.Null:
                output.Write("null"u8);
                break;
            default:
                throw new CanonicalJsonException($"{path}: a {value.ValueKind} value has no canonical form");
        }
    }

    private static void WriteObject(JsonElement value, IBufferWriter<byte> output, string path)
    {
        // Sorted by UTF-8 bytes, which is code point order; UTF-16 ordinal order differs for
        // characters above U+FFFF (surrogates sort below U+E000..U+FFFF), and Python sorts by code point.
        var members = new List<(byte[] Key, string Name, JsonElement Value)>();
        foreach (var property in value.EnumerateObject())
        {
            var name = ReadName(property, path);
            members.Add((Utf8(name, path), name, property.Value));
        }

        members.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        output.Write("{"u8);
        for (var i = 0; i < members.Count; i++)
        {
            var childPath = $"{path}[{Quote(members[i].Name)}]";
            if (i > 0)
            {
                // The same key twice gives two readings of one document: refuse it rather than pick one.
                if (members[i].Key.AsSpan().SequenceEqual(members[i - 1].Key))
                {
                    throw new CanonicalJsonException($"{childPath}: the key appears more than once");
                }

                output.Write(","u8);
            }

            WriteEscaped(members[i].Key, output);
            output.Write(":"u8);
            Write(members[i].Value, output, childPath);
        }

        output.Write("}"u8);
    }

    private static void WriteArray(JsonElement value, IBufferWriter<byte> output, string path)
    {
        output.Write("["u8);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (index > 0)
            {
                output.Write(","u8);
            }

            Write(item, output, $"{path}[{index}]");
            index++;
        }

        output.Write("]"u8);
    }

    private static void WriteInteger(JsonElement value, IBufferWriter<byte> output, string path)
    {
        // JSON's grammar already forbids leading zeros and '+', so an integer's own text is canonical,
        // of any size (Python's ints are unbounded). The one exception: "-0" reads as the integer 0.
        var raw = value.GetRawText();
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') >= 0)
        {
            throw new CanonicalJsonException($"{path}: {raw} is not an integer (canonical JSON has no floats)");
        }

        output.Write(raw == "-0" ? "0"u8 : Encoding.ASCII.GetBytes(raw));
    }

    private static string ReadString(JsonElement value, string path)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new CanonicalJsonException($"{path}: the string is not valid Unicode ({e.Message})");
        }
    }

    private static string ReadName(JsonProperty property, string path)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException e)
        {
            throw new CanonicalJsonException($"{path}: a key is not valid Unicode ({e.Message})");
        }
    }

    private static void WriteString(string value, IBufferWriter<byte> output, string path) => WriteEscaped(Utf8(value, path), output);

    private static void WriteEscaped(ReadOnlySpan<byte> utf8, IBufferWriter<byte> output)
    {
        output.Write("\""u8);
        while (!utf8.IsEmpty)
        {
            var next = utf8.IndexOfAny((byte)'"', (byte)'\\');
            if (next < 0)
            {
                output.Write(utf8);
                break;
            }

            output.Write(utf8[..next]);
            output.Write(utf8[next] == '"' ? "\\\""u8 : "\\\\"u8);
            utf8 = utf8[(next + 1)..];
        }

        output.Write("\""u8);
    }

    private static byte[] Utf8(string value, string path)
    {
        try
        {
            return StrictUtf8.GetBytes(value);
        }
        catch (EncoderFallbackException)
        {
            throw new CanonicalJsonException($"{path}: the string holds a lone surrogate, which UTF-8 cannot encode");
        }
    }

    private static string Quote(string name) => JsonSerializer.Serialize(name, TufJsonContext.Default.String);
}
