using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>The files and kernel values settings shape on the default variant, and how each is rendered.</summary>
internal static class ConfigurationFiles
{
    /// <summary>
    /// The files <paramref name="settings"/> shape. Rendering some reads from the image under <paramref name="root"/>
    /// (the trust store reads its CA certificates); listing them reads nothing.
    /// </summary>
    public static IReadOnlyList<ConfigurationFile> For(JsonObject settings, string root = "/") =>
    [
        new("motd", "/etc/motd", ["settings.motd"], [], s => (s["motd"]?.GetValue<string>() ?? "") + "\n"),
        new("hostname", "/etc/hostname", ["settings.network.hostname"], [], s => Hostname(s) is { } h ? h + "\n" : null),
        new("hosts", "/etc/hosts", ["settings.network.hostname", "settings.network.hosts"], [], Hosts),
        new("resolv.conf", "/etc/resolv.conf", ["settings.dns"], [], ResolvConfFromSettings),
        new("containerd.env", ContainerdEnvironment.Path, ProxySettings, ["containerd"], ContainerdEnvironment.Render),
        new("oci-defaults", OciDefaults.Path, [OciDefaults.Prefix], ["containerd"], OciDefaults.Render),
        new("ca-certificates", TrustStore.Path, ["settings.pki"], ["containerd"], s => TrustStore.Render(s, root)),
        .. Sysctls(settings),
        new("kernel lockdown", Platform.KernelLockdown.FilePath, [Platform.KernelLockdown.Key], [], s => s["kernel"]?["lockdown"]?.GetValue<string>()),
        new("kernel module policy", Platform.KernelModules.BlockedListFile, ["settings.kernel.modules"], [], BlockedModules),
        .. Modules(settings),
        .. RegistryHosts(settings),
    ];

    // The apiserver is never among a file's services: it cannot restart itself from within the request that applies (see Init.InitControlServer).
    private static readonly string[] ProxySettings = ["settings.network.http-proxy", "settings.network.https-proxy", "settings.network.no-proxy"];

    // Read by PID 1 at the next boot, before it loads any module; written even when empty, so an unblocked module loads again.
    private static string BlockedModules(JsonObject settings) =>
        "# From settings.kernel.modules: modules Hull does not load (allowed = false).\n" + string.Concat(
            (settings["kernel"]?["modules"]?.AsObject() ?? [])
                .Where(kv => kv.Value?["allowed"]?.GetValue<bool>() == false)
                .Select(kv => Platform.ModuleIndex.Normalize(kv.Key) + "\n")
                .Order(StringComparer.Ordinal));

    // One entry per module the settings name: allowed = true wants it loaded now, false wants it out. The path is the
    // module's sysfs folder, which exists exactly while the kernel has it.
    private static IEnumerable<ConfigurationFile> Modules(JsonObject settings) =>
        (settings["kernel"]?["modules"]?.AsObject() ?? []).Select(kv => new ConfigurationFile(
            $"kernel module {kv.Key}",
            Platform.KernelModules.SysfsPath(kv.Key),
            [$"settings.kernel.modules.{kv.Key}"],
            [],
            s => s["kernel"]?["modules"]?[kv.Key]?["allowed"]?.GetValue<bool>() switch
            {
                true => Platform.KernelModules.Loaded,
                false => Platform.KernelModules.NotLoaded,
                null => null,
            }));

    /// <summary>containerd's registry host folder (CRI's config_path); read at every pull, so a change needs no restart.</summary>
    public const string RegistryHostsDirectory = "/etc/containerd/certs.d";

    // One hosts.toml per mirrored registry ("*" is containerd's _default). Registry names that could
    // leave the folder are skipped (the schema allows any non-blank name).
    private static IEnumerable<ConfigurationFile> RegistryHosts(JsonObject settings) =>
        (settings["container-registry"]?["mirrors"]?.AsArray() ?? [])
            .Select(m => m!["registry"]!.GetValue<string>())
            .Where(r => r == "*" || (r.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '_') && r.Any(char.IsAsciiLetterOrDigit)))
            .Distinct(StringComparer.Ordinal)
            .Select(registry => new ConfigurationFile(
                $"registry hosts {registry}",
                $"{RegistryHostsDirectory}/{(registry == "*" ? "_default" : registry)}/hosts.toml",
                ["settings.container-registry.mirrors"],
                [],
                s => RegistryHostsToml(s, registry)));

    private static string RegistryHostsToml(JsonObject settings, string registry)
    {
        var toml = new StringBuilder($"# From settings.container-registry.mirrors: pulls from {registry} try these endpoints in order.\n");
        var endpoints = (settings["container-registry"]?["mirrors"]?.AsArray() ?? [])
            .Where(m => m!["registry"]!.GetValue<string>() == registry)
            .SelectMany(m => m!["endpoint"]!.AsArray().Select(e => e!.GetValue<string>()));
        foreach (var endpoint in endpoints)
        {
            toml.Append("\n[host.\"").Append(endpoint.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal))
                .Append("\"]\n  capabilities = [\"pull\", \"resolve\"]\n");
        }

        return toml.ToString();
    }

    /// <summary>The host's name while settings.network.hostname is unset (PID 1 sets it at boot).</summary>
    public const string DefaultHostname = "hull";

    public static string? Hostname(JsonObject settings) => settings["network"]?["hostname"]?.GetValue<string>();

    // One entry per sysctl the settings name (the schema refused '/' and '..' in names).
    private static IEnumerable<ConfigurationFile> Sysctls(JsonObject settings) =>
        (settings["kernel"]?["sysctl"]?.AsObject() ?? []).Select(kv => new ConfigurationFile(
            $"sysctl {kv.Key}",
            "/" + Platform.Sysctl.RelativePath(kv.Key),
            [$"settings.kernel.sysctl.\"{kv.Key}\""],
            [],
            s => s["kernel"]?["sysctl"]?[kv.Key]?.GetValue<string>()));

    /// <summary>The source named in resolv.conf's first line when settings.dns wrote it; the DHCP client leaves such a file alone.</summary>
    public const string DnsSettingsSource = "settings.dns";

    // Only when settings.dns names servers; otherwise the DHCP lease's servers stay in charge.
    private static string? ResolvConfFromSettings(JsonObject settings)
    {
        var dns = settings["dns"];
        var servers = dns?["name-servers"]?.AsArray().Select(n => IPAddress.Parse(n!.GetValue<string>())).ToList();
        if (servers is not { Count: > 0 })
        {
            return null;
        }

        var search = dns?["search-list"]?.AsArray().Select(n => n!.GetValue<string>()).ToList();
        return Network.ResolvConf.Render(servers, search is { Count: > 0 } ? string.Join(' ', search) : null, DnsSettingsSource);
    }

    private static string Hosts(JsonObject settings)
    {
        var hosts = new StringBuilder($"127.0.0.1 localhost\n::1 localhost\n127.0.1.1 {Hostname(settings) ?? DefaultHostname}\n");
        foreach (var entry in settings["network"]?["hosts"]?.AsArray() ?? [])
        {
            if (entry is JsonArray { Count: 2 } pair)
            {
                hosts.Append(pair[0]!.GetValue<string>()).Append(' ').AppendJoin(' ', pair[1]!.AsArray().Select(n => n!.GetValue<string>())).Append('\n');
            }
        }

        return hosts.ToString();
    }
}
