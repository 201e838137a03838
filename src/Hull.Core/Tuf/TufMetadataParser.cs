using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Hull.Tuf;

/// <summary>Turns file bytes into <see cref="TufMetadata{T}"/>, refusing anything that is not well-formed metadata of the expected role.</summary>
internal static class TufMetadataParser
{
    public static TufResult<TufMetadata<TufRoot>> Root(byte[] bytes, string file)
    {
        return Parse(bytes, file, TufRoles.Root, TufJsonContext.Default.TufRoot, CheckRoot);
    }

    public static TufResult<TufMetadata<TufTimestamp>> Timestamp(byte[] bytes, string file) =>
        Parse(bytes, file, TufRoles.Timestamp, TufJsonContext.Default.TufTimestamp);

    public static TufResult<TufMetadata<TufSnapshot>> Snapshot(byte[] bytes, string file) =>
        Parse(bytes, file, TufRoles.Snapshot, TufJsonContext.Default.TufSnapshot);

    public static TufResult<TufMetadata<TufTargets>> Targets(byte[] bytes, string file) =>
        Parse(bytes, file, TufRoles.Targets, TufJsonContext.Default.TufTargets);

    private static TufResult<TufMetadata<T>> Parse<T>(byte[] bytes, string file, string role, JsonTypeInfo<T> info,
        Func<string, T, JsonElement, TufError?>? check = null)
        where T : ITufSigned
    {
        try
        {
            var envelope = JsonSerializer.Deserialize(bytes, TufJsonContext.Default.TufEnvelope)
                ?? throw new JsonException("the file is JSON null");
            if (envelope.Signed.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("\"signed\" is not an object");
            }

            // The canonical form first: a value without one (a float, a duplicate key) could be read two
            // ways, and the signatures can only be checked over one.
            var signedBytes = CanonicalJson.Encode(envelope.Signed);
            var type = envelope.Signed.TryGetProperty("_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type != role)
            {
                return TufError.Of(TufErrorKind.Malformed, file, $"\"_type\" is {(type is null ? "missing" : $"'{type}'")}, expected '{role}'");
            }

            var signed = envelope.Signed.Deserialize(info) ?? throw new JsonException("\"signed\" is null");
            if (!IsSupported(signed.SpecVersion))
            {
                return TufError.Of(TufErrorKind.UnsupportedSpecVersion, file, $"spec_version '{signed.SpecVersion}' is not 1.x");
            }

            if (signed.Version < 1)
            {
                return TufError.Of(TufErrorKind.Malformed, file, $"version {signed.Version} is not a positive integer");
            }

            return check?.Invoke(file, signed, envelope.Signed) is { } error
                ? error
                : new TufMetadata<T>(file, signed, envelope.Signatures, signedBytes, bytes);
        }
        catch (JsonException e)
        {
            return TufError.Of(TufErrorKind.Malformed, file, $"not {role} metadata: {e.Message}");
        }
        catch (CanonicalJsonException e)
        {
            return TufError.Of(TufErrorKind.Malformed, file, $"\"signed\" has no canonical JSON form: {e.Message}");
        }
    }

    // Spec "File formats: root.json": all four roles, thresholds of at least 1, and every keyid the hash of its key.
    private static TufError? CheckRoot(string file, TufRoot root, JsonElement signed)
    {
        foreach (var role in TufRoles.All)
        {
            if (root.Role(role) is not { } keys)
            {
                return TufError.Of(TufErrorKind.Malformed, file, $"roles has no '{role}'");
            }

            if (keys.Threshold < 1)
            {
                return TufError.Of(TufErrorKind.Malformed, file, $"role '{role}' has threshold {keys.Threshold}; it must be at least 1");
            }
        }

        // The keyid covers the key object exactly as written, unknown fields included.
        foreach (var key in signed.GetProperty("keys").EnumerateObject())
        {
            var computed = TufKey.ComputeId(key.Value);
            if (computed != key.Name)
            {
                return TufError.Of(TufErrorKind.Malformed, file, $"keyid {key.Name} is not the SHA-256 of its key ({computed})");
            }
        }

        return null;
    }

    // spec_version is semver; this code reads any 1.x file (the spec lets adopters choose what matches).
    private static bool IsSupported(string specVersion)
    {
        var parts = specVersion.Split('.');
        return parts.Length == 3 && parts[0] == "1" && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit));
    }
}
