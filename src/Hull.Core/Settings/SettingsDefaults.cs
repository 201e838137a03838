using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>
/// The settings a fresh host starts from, per variant, before user data is applied. This is the one place
/// they are written; the datastore seeds itself from <see cref="For"/>.
/// </summary>
internal static class SettingsDefaults
{
    /// <summary>The variant built today (os-release VARIANT_ID).</summary>
    public const string DefaultVariant = "default";

    // Nested JSON because it reads like user data; it is flattened on the way out. The container sources are
    // placeholders until Hull publishes admin and control images; the update URLs until it has a repository.
    private const string Default = """
        {
          "motd": "Welcome to Hull!",
          "ntp": { "time-servers": ["pool.ntp.org"] },
          "kernel": { "lockdown": "integrity" },
          "boot": { "reboot-to-reconcile": false },
          "host-containers": {
            "admin": { "enabled": false, "superpowered": true, "source": "localhost/hull/admin:latest" },
            "control": { "enabled": true, "superpowered": false, "source": "localhost/hull/control:latest" }
          },
          "updates": {
            "metadata-base-url": "https://updates.hull.invalid/metadata/",
            "targets-base-url": "https://updates.hull.invalid/targets/",
            "version-lock": "latest",
            "ignore-waves": false,
            "health-timeout-seconds": 300
          },
          "api": { "remote": { "enabled": false, "port": 443 } }
        }
        """;

    /// <summary>The flat defaults (<c>settings.motd</c> → <c>"Welcome to Hull!"</c>) of <paramref name="variant"/>; an unknown variant is a build error, so it throws.</summary>
    public static SortedDictionary<string, string> For(string variant) => variant switch
    {
        DefaultVariant => SettingsTree.Flatten(JsonNode.Parse(Default)!.AsObject()),
        _ => throw new ArgumentException($"no settings defaults for variant \"{variant}\" (known: {DefaultVariant})", nameof(variant)),
    };
}
