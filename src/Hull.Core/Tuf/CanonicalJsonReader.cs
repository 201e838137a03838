using System.Text;
using System.Text.Json.Nodes;

namespace Hull.Tuf;

/// <summary>
/// A strict reader for canonical JSON: exactly what <see cref="CanonicalJsonWriter"/> writes and nothing
/// else (no white space, keys strictly ascending by code point, integers without a sign on zero, only
/// <c>\"</c> and <c>\\</c> escapes). Raw control characters are allowed in strings, unlike plain JSON.
/// </summary>
internal ref struct CanonicalJsonReader(ReadOnlySpan<byte> input)
{
    // JsonDocument's default nesting limit; deeper input is refused rather than recursed into.
    private const int MaxDepth = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _input = input;
    private int _position;

    public JsonNode? ReadDocument()
    {
        var value = ReadValue(0);
        if (_position != _input.Length)
        {
            throw Fail("extra bytes after the value");
        }

        return value;
    }

    private JsonNode? ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Fail($"nested deeper than {MaxDepth}");
        }

        switch (Peek())
        {
            case (byte)'{':
                return ReadObject(depth);
            case (byte)'[':
                return ReadArray(depth);
            case (byte)'"':
                return JsonValue.Create(ReadString());
            case (byte)'t':
                Expect("true"u8);
                return JsonValue.Create(true);
            case (byte)'f':
                Expect("false"u8);
                return JsonValue.Create(false);
            case (byte)'n':
                Expect("null"u8);
                return null;
            case (byte)'-' or (>= (byte)'0' and <= (byte)'9'):
                return JsonValue.Create(ReadInteger());
            default:
                throw Fail($"unexpected byte 0x{Peek():x2}");
        }
    }

    private JsonObject ReadObject(int depth)
    {
        _position++;
        var result = new JsonObject();
        var previousKey = Array.Empty<byte>();
        if (TryConsume((byte)'}'))
        {
            return result;
        }

        do
        {
            var keyStart = _position;
            var key = ReadString();
            var keyBytes = StrictUtf8.GetBytes(key);
            if (result.Count > 0 && keyBytes.AsSpan().SequenceCompareTo(previousKey) <= 0)
            {
                _position = keyStart;
                throw Fail($"key {key} is not after the key before it (keys must be unique and sorted)");
            }

            previousKey = keyBytes;
            Require((byte)':');
            result.Add(key, ReadValue(depth + 1));
        }
        while (TryConsume((byte)','));

        Require((byte)'}');
        return result;
    }

    private JsonArray ReadArray(int depth)
    {
        _position++;
        var result = new JsonArray();
        if (TryConsume((byte)']'))
        {
            return result;
        }

        do
        {
            result.Add(ReadValue(depth + 1));
        }
        while (TryConsume((byte)','));

        Require((byte)']');
        return result;
    }

    private string ReadString()
    {
        Require((byte)'"');
        var bytes = new List<byte>();
        while (true)
        {
            var b = Next();
            if (b == '"')
            {
                break;
            }

            if (b == '\\')
            {
                var escaped = Next();
                if (escaped is not ((byte)'"' or (byte)'\\'))
                {
                    _position--;
                    throw Fail($"escape \\{(char)escaped} is not canonical (only \\\" and \\\\ are)");
                }

                b = escaped;
            }

            bytes.Add(b);
        }

        try
        {
            return StrictUtf8.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            throw Fail("the string is not valid UTF-8");
        }
    }

    private long ReadInteger()
    {
        var start = _position;
        TryConsume((byte)'-');
        var digitsStart = _position;
        while (_position < _input.Length && _input[_position] is >= (byte)'0' and <= (byte)'9')
        {
            _position++;
        }

        var digits = _input[digitsStart.._position];
        var text = Encoding.ASCII.GetString(_input[start.._position]);
        if (digits.IsEmpty || (digits[0] == '0' && (digits.Length > 1 || digitsStart > start)))
        {
            _position = start;
            throw Fail($"{text} is not a canonical integer");
        }

        if (_position < _input.Length && _input[_position] is (byte)'.' or (byte)'e' or (byte)'E')
        {
            throw Fail("canonical JSON has no floats");
        }

        if (!long.TryParse(text, out var value))
        {
            _position = start;
            throw Fail($"{text} does not fit in 64 bits");
        }

        return value;
    }

    private readonly byte Peek() => _position < _input.Length ? _input[_position] : throw Fail("unexpected end of input");

    private byte Next()
    {
        var b = Peek();
        _position++;
        return b;
    }

    private bool TryConsume(byte expected)
    {
        if (_position < _input.Length && _input[_position] == expected)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Require(byte expected)
    {
        if (!TryConsume(expected))
        {
            throw Fail(_position < _input.Length ? $"expected '{(char)expected}', found 0x{_input[_position]:x2}" : $"expected '{(char)expected}', found the end");
        }
    }

    private void Expect(ReadOnlySpan<byte> literal)
    {
        if (!_input[_position..].StartsWith(literal))
        {
            throw Fail($"expected {Encoding.ASCII.GetString(literal)}");
        }

        _position += literal.Length;
    }

    private readonly CanonicalJsonException Fail(string reason) => new($"canonical JSON, byte {_position}: {reason}");
}
