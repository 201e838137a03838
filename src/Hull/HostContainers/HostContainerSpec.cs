using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Hull.HostContainers;

/// <summary>
/// A host container as <c>settings.host-containers.&lt;name&gt;</c> declares it (validated by the schema):
/// <paramref name="UserData"/> is the decoded <c>user-data</c>. <see cref="SpecHash"/> covers what the
/// container is made from, so a change replaces it.
/// </summary>
internal sealed record HostContainerSpec(string Name, string Source, bool Enabled, bool Superpowered, byte[]? UserData, string SpecHash)
{
    /// <summary>Every entry under <c>settings.host-containers</c>, by name; an entry without a source is skipped (nothing to run).</summary>
    public static IReadOnlyList<HostContainerSpec> ParseAll(JsonObject? settings) =>
        [.. (settings ?? []).Where(e => e.Value?["source"] is not null).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => Parse(e.Key, e.Value!))];

    private static HostContainerSpec Parse(string name, JsonNode node)
    {
        var source = node["source"]!.GetValue<string>();
        var superpowered = node["superpowered"]?.GetValue<bool>() ?? false;
        var userData = UserDataOf(node);
        return new(name, source, node["enabled"]?.GetValue<bool>() ?? false, superpowered, userData, Hash(source, superpowered, userData));
    }

    /// <summary>The decoded <c>user-data</c> of a host or bootstrap container entry (base64 in settings), or null.</summary>
    public static byte[]? UserDataOf(JsonNode node) =>
        node["user-data"]?.GetValue<string>() is { Length: > 0 } text ? Convert.FromBase64String(text) : null;

    /// <summary>A short hash of what a container is made from.</summary>
    public static string Hash(string source, bool superpowered, byte[]? userData)
    {
        var text = $"{source}\n{superpowered}\n{(userData is null ? "" : Convert.ToBase64String(SHA256.HashData(userData)))}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
    }
}
