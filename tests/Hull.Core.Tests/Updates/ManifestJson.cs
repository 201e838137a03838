using System.Text.Json.Nodes;

namespace Hull.Core.Tests.Updates;

/// <summary>A valid manifest.json as a JSON tree, and a way to break one field of it by path ("releases[0].waves[1].starts").</summary>
internal static class ManifestJson
{
    public const string Hash1 = "1111111111111111111111111111111111111111111111111111111111111111";
    public const string Hash2 = "2222222222222222222222222222222222222222222222222222222222222222";

    public static JsonObject Valid() => JsonNode.Parse($$"""
        {
          "manifest_version": 1,
          "releases": [
            {{Release("1.0.0")}},
            {
              "version": "2.0.0", "variant": "default", "arch": "x86_64", "max_version": "3.0.0",
              "waves": [
                { "seed_below": 512, "starts": "2026-06-01T00:00:00Z" },
                { "seed_below": 2048, "starts": "2026-06-02T00:00:00Z" }
              ],
              "compression": "zstd", "root_hash": "{{Hash1}}",
              "images": {
                "root": { "target": "2.0.0/root.img.zst", "bytes": 4096, "sha256": "{{Hash2}}" },
                "uki-a": { "target": "2.0.0/uki-a.efi.zst", "bytes": 100, "sha256": "{{Hash2}}" },
                "uki-b": { "target": "2.0.0/uki-b.efi.zst", "bytes": 0, "sha256": "{{Hash2}}" }
              },
              "migrations": [
                { "name": "motd-to-banner",
                  "forward": [ { "op": "rename", "key": "settings.motd", "to": "settings.banner" },
                               { "op": "set", "key": "settings.ntp.enabled", "value": "true" } ],
                  "backward": [ { "op": "rename", "key": "settings.banner", "to": "settings.motd" },
                                { "op": "remove", "key": "settings.ntp.enabled" } ] }
              ]
            }
          ]
        }
        """)!.AsObject();

    public static string Release(string version, string variant = "default", string arch = "x86_64") => $$"""
        {
          "version": "{{version}}", "variant": "{{variant}}", "arch": "{{arch}}", "max_version": null, "waves": [],
          "compression": "zstd", "root_hash": "{{Hash1}}",
          "images": {
            "root": { "target": "{{version}}/root.img.zst", "bytes": 4096, "sha256": "{{Hash2}}" },
            "uki-a": { "target": "{{version}}/uki-a.efi.zst", "bytes": 100, "sha256": "{{Hash2}}" },
            "uki-b": { "target": "{{version}}/uki-b.efi.zst", "bytes": 100, "sha256": "{{Hash2}}" }
          },
          "migrations": []
        }
        """;

    /// <summary>Sets the field at <paramref name="path"/> to <paramref name="json"/> (JSON text), or removes it when <paramref name="json"/> is null.</summary>
    public static JsonObject With(this JsonObject root, string path, string? json)
    {
        var steps = path.Replace("]", "", StringComparison.Ordinal).Split('.', '[');
        JsonNode node = root;
        for (var i = 0; i < steps.Length - 1; i++)
        {
            node = int.TryParse(steps[i], out var index) ? node[index]! : node[steps[i]]!;
        }

        var last = steps[^1];
        var value = json is null ? null : JsonNode.Parse(json);
        if (int.TryParse(last, out var at))
        {
            node.AsArray()[at] = value;
        }
        else if (json is null)
        {
            node.AsObject().Remove(last);
        }
        else
        {
            node[last] = value;
        }

        return root;
    }

    public static byte[] Bytes(this JsonObject root) => System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
}
