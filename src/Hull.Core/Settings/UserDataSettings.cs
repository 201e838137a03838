using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Tomlyn;
using Tomlyn.Parsing;

namespace Hull.Settings;

/// <summary>
/// Reads Bottlerocket-style user data (TOML with a top-level <c>settings</c> table, optionally gzip-compressed)
/// into a settings tree and validates it with <see cref="SettingsValidator"/>. Problems are values that name
/// the source, the line and the key.
/// </summary>
internal static class UserDataSettings
{
    /// <summary>Cap on decompressed user data, so a gzip bomb cannot fill memory during boot.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>Reads raw user data: gzip is recognised by its magic bytes (1f 8b); the text must be UTF-8.</summary>
    public static UserDataSettingsResult Parse(ReadOnlySpan<byte> data, string sourceName)
    {
        byte[] bytes;
        try
        {
            bytes = data is [0x1f, 0x8b, ..] ? Gunzip(data, sourceName) : data.ToArray();
        }
        catch (InvalidDataException e)
        {
            return Failed($"{sourceName}: not valid gzip: {e.Message}");
        }

        try
        {
            return Parse(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes), sourceName);
        }
        catch (DecoderFallbackException)
        {
            return Failed($"{sourceName}: user data must be UTF-8 text (TOML)");
        }
    }

    /// <summary>Reads user data TOML; see the component README for what is accepted.</summary>
    public static UserDataSettingsResult Parse(string toml, string sourceName)
    {
        toml = toml.TrimStart('\uFEFF');
        try
        {
            // The syntax tree parser checks TOML's semantic rules (a key defined twice) that the event parser does not.
            SyntaxParser.ParseStrict(toml, sourceName, validate: true);
        }
        catch (TomlException e)
        {
            var errors = e.Diagnostics is { Count: > 0 } diagnostics
                ? diagnostics.Select(d => Syntax(sourceName, d.Span.Start.Line + 1, d.Span.Start.Column + 1, d.Message))
                : [Syntax(sourceName, e.Line ?? 0, e.Column ?? 0, e.Message)];
            return new UserDataSettingsResult(new JsonObject(), [.. errors], []);
        }

        var (root, lines, readErrors) = TomlJsonReader.Read(toml, sourceName);
        var ignored = root.Select(p => p.Key).Where(k => k != SettingsValidator.Prefix).Order(StringComparer.Ordinal).ToList();
        if (!root.TryGetPropertyValue(SettingsValidator.Prefix, out var node) || node is null)
        {
            return new UserDataSettingsResult(new JsonObject(), readErrors, ignored);
        }

        if (node is not JsonObject settings)
        {
            var line = lines.GetValueOrDefault(SettingsValidator.Prefix);
            return new UserDataSettingsResult(new JsonObject(), [new(SettingsErrorKind.WrongType, SettingsValidator.Prefix,
                string.Create(CultureInfo.InvariantCulture, $"{sourceName}:{line}: settings: expected a table, got {SettingsJson.Describe(node)}"))], ignored);
        }

        root.Remove(SettingsValidator.Prefix);
        var validation = SettingsValidator.Validate(settings)
            .Where(v => !readErrors.Any(r => r.Key == v.Key))
            .Select(v => v with { Message = string.Create(CultureInfo.InvariantCulture, $"{sourceName}:{LineOf(v.Key, lines)}: {v.Message}") });
        return new UserDataSettingsResult(settings, [.. readErrors.Concat(validation).OrderBy(e => e.Key, StringComparer.Ordinal)], ignored);
    }

    // The line of the key, or of its nearest parent written in the file ([settings.ntp] for an error inside an inline table).
    private static int LineOf(string key, IReadOnlyDictionary<string, int> lines)
    {
        var segments = SettingsKey.Split(key);
        for (var n = segments.Count; n > 0; n--)
        {
            if (lines.TryGetValue(SettingsKey.Join(segments.Take(n)), out var line) && line > 0)
            {
                return line;
            }
        }

        return 0;
    }

    private static byte[] Gunzip(ReadOnlySpan<byte> data, string sourceName)
    {
        using var gzip = new GZipStream(new MemoryStream(data.ToArray()), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = gzip.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
            if (output.Length > MaxBytes)
            {
                throw new InvalidDataException($"{sourceName} expands to more than {MaxBytes} bytes");
            }
        }

        // .NET stops quietly at the end of a truncated stream, and half a TOML file may still parse: check the
        // trailer (RFC 1952: CRC32 and size of the data, little-endian). Concatenated gzip members are not supported.
        var bytes = output.ToArray();
        if (data.Length < 18
            || BinaryPrimitives.ReadUInt32LittleEndian(data[^8..]) != Crc32.HashToUInt32(bytes)
            || BinaryPrimitives.ReadUInt32LittleEndian(data[^4..]) != (uint)bytes.Length)
        {
            throw new InvalidDataException("truncated or corrupt (the CRC32 and size at its end do not match the data)");
        }

        return bytes;
    }

    private static SettingsError Syntax(string sourceName, int line, int column, string message) =>
        new(SettingsErrorKind.Syntax, "", string.Create(CultureInfo.InvariantCulture, $"{sourceName}:{line}:{column}: invalid TOML: {message}"));

    private static UserDataSettingsResult Failed(string message) =>
        new(new JsonObject(), [new(SettingsErrorKind.Syntax, "", message)], []);
}
