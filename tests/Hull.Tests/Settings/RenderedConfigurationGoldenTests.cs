using System.Text;
using System.Text.Json.Nodes;
using Hull.Init;
using Hull.Settings;

namespace Hull.Tests.Settings;

/// <summary>
/// Every configuration file (and kernel value) the host renders, compared with committed files under
/// tests/Hull.Tests/Settings/Golden. After an intended change: HULL_UPDATE_GOLDEN=1 dotnet test --project
/// tests/Hull.Tests -c Release --filter-class "*RenderedConfigurationGoldenTests", review the diff, commit.
/// </summary>
public sealed class RenderedConfigurationGoldenTests
{
    private const string Folder = "tests/Hull.Tests/Settings/Golden";

    // A fixed tree that touches every renderer, with the edge cases each handles (an IPv6 hosts entry, a
    // registry name the renderer must skip, "*" as containerd's _default, a multi-line motd, a pki bundle with blank data,
    // an unlimited rlimit).
    private const string FullSettings = """
        {
          "motd": "Welcome to the golden host\nSecond line",
          "network": {
            "hostname": "golden-1",
            "hosts": [["10.0.0.5", ["db", "db.internal"]], ["fd00::5", ["db6"]]],
            "https-proxy": "http://proxy.example.com:3128",
            "no-proxy": ["localhost", ".internal"]
          },
          "dns": { "name-servers": ["192.0.2.53", "2001:db8::53"], "search-list": ["example.com", "corp.example."] },
          "ntp": { "time-servers": ["time.example.com"], "options": ["iburst"] },
          "kernel": {
            "lockdown": "integrity",
            "sysctl": { "net.ipv4.ip_forward": "1", "vm.max_map_count": "262144" },
            "modules": { "wireguard": { "allowed": true }, "br-netfilter": { "allowed": false }, "isofs": { "allowed": false } }
          },
          "pki": { "switched-off": { "data": "", "trusted": true } },
          "container-registry": {
            "mirrors": [
              { "registry": "docker.io", "endpoint": ["https://mirror.example.com", "http://10.0.2.2:5000"] },
              { "registry": "*", "endpoint": ["https://all.example.com:8443/v2"] },
              { "registry": "../escape", "endpoint": ["https://never.example.com"] }
            ]
          },
          "oci-defaults": {
            "capabilities": { "net-raw": false, "sys-ptrace": true },
            "resource-limits": {
              "max-open-files": { "soft-limit": 65536, "hard-limit": 1048576 },
              "max-core-file-size": { "soft-limit": 0, "hard-limit": "unlimited" }
            }
          }
        }
        """;

    [Fact]
    public void Render_FixedSettingsTree_MatchesTheGoldenFiles()
    {
        var settings = JsonNode.Parse(FullSettings)!.AsObject();
        SettingsValidator.Validate(settings).ShouldBeEmpty("the fixture must be valid settings");

        GoldenFiles.Check($"{Folder}/full", Render(settings));
    }

    [Fact]
    public void Render_VariantDefaults_MatchesTheGoldenFiles()
    {
        var settings = SettingsTree.Unflatten(SettingsDefaults.For(SettingsDefaults.DefaultVariant));

        GoldenFiles.Check($"{Folder}/defaults", Render(settings));
    }

    [Fact]
    public void BaseFiles_ContainerdAndCni_MatchTheGoldenFiles()
    {
        GoldenFiles.Check($"{Folder}/base", new Dictionary<string, string>
        {
            ["etc/containerd/config.toml"] = EtcFiles.ContainerdConfig,
            ["etc/cni/net.d/10-hull.conflist"] = EtcFiles.CniNetwork,
        });
    }

    // Each file the settings render, under its path on the host, plus the metadata that ties it to settings and services.
    // The root has no image CA certificates (the build machine's own must not leak into the trust store's golden file;
    // TrustStoreTests cover the image's part).
    private static Dictionary<string, string> Render(JsonObject settings)
    {
        var files = ConfigurationFiles.For(settings, Path.Combine(Path.GetTempPath(), "hull-golden-root-without-files"));
        var rendered = new Dictionary<string, string>(StringComparer.Ordinal);
        var metadata = new StringBuilder("# name | path | setting prefixes | services to restart\n");
        foreach (var file in files)
        {
            metadata.Append($"{file.Name} | {file.Path} | {string.Join(", ", file.Prefixes)} | {(file.Services.Count == 0 ? "-" : string.Join(", ", file.Services))}\n");
            if (file.Render(settings) is { } content)
            {
                rendered.Add("files" + file.Path, content);
            }
        }

        rendered.Add("configuration-files.txt", metadata.ToString());
        return rendered;
    }
}
