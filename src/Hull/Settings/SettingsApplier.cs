using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>
/// Makes committed settings take effect on the running host: writes the files they shape under
/// /etc (a tmpfs, rewritten every boot) and sets kernel state. Runs for the keys a commit changed,
/// and for everything at every boot. Each setting family has one handler here.
/// </summary>
internal sealed class SettingsApplier(string root, Action<string> setHostname, TextWriter log)
{
    /// <summary>Applies <paramref name="settings"/> (the nested object inside "settings") for the keys in <paramref name="changedKeys"/>, or everything when null. Returns one message per failure; the others still apply.</summary>
    public IReadOnlyList<string> Apply(JsonObject settings, IReadOnlyCollection<string>? changedKeys)
    {
        bool Touched(string prefix) => changedKeys is null || changedKeys.Any(k => k == prefix || k.StartsWith(prefix + ".", StringComparison.Ordinal));
        var failures = new List<string>();
        void Try(string what, Action action)
        {
            try
            {
                action();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                failures.Add($"{what}: {e.Message}");
                log.WriteLine($"apiserver: applying {what} failed: {e.Message}");
            }
        }

        if (Touched("settings.motd"))
        {
            Try("settings.motd", () => WriteEtc("motd", (settings["motd"]?.GetValue<string>() ?? "") + "\n"));
        }

        if (Touched("settings.network"))
        {
            Try("settings.network", () => ApplyNetworkNames(settings["network"] as JsonObject));
        }

        if (Touched("settings.kernel.sysctl"))
        {
            foreach (var (name, value) in settings["kernel"]?["sysctl"]?.AsObject() ?? [])
            {
                Try($"settings.kernel.sysctl.\"{name}\"", () => WriteSysctl(name, value!.GetValue<string>()));
            }
        }

        return failures;
    }

    private void ApplyNetworkNames(JsonObject? network)
    {
        var hostname = network?["hostname"]?.GetValue<string>();
        if (hostname is not null)
        {
            setHostname(hostname);
            WriteEtc("hostname", hostname + "\n");
        }

        var current = hostname ?? ReadEtc("hostname")?.Trim() ?? "localhost";
        var hosts = new System.Text.StringBuilder($"127.0.0.1 localhost\n::1 localhost\n127.0.1.1 {current}\n");
        foreach (var entry in network?["hosts"]?.AsArray() ?? [])
        {
            if (entry is JsonArray { Count: 2 } pair)
            {
                hosts.Append(pair[0]!.GetValue<string>()).Append(' ').AppendJoin(' ', pair[1]!.AsArray().Select(n => n!.GetValue<string>())).Append('\n');
            }
        }

        WriteEtc("hosts", hosts.ToString());
    }

    // net.ipv4.ip_forward → /proc/sys/net/ipv4/ip_forward (the schema already refused '/' and '..').
    private void WriteSysctl(string name, string value)
    {
        var path = Path.Combine(root, "proc/sys", name.Replace('.', '/'));
        if (!File.Exists(path))
        {
            throw new IOException($"this kernel has no sysctl {name} ({path})");
        }

        File.WriteAllText(path, value);
    }

    private void WriteEtc(string name, string content)
    {
        var path = Path.Combine(root, "etc", name);
        var temp = path + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
    }

    private string? ReadEtc(string name) => File.Exists(Path.Combine(root, "etc", name)) ? File.ReadAllText(Path.Combine(root, "etc", name)) : null;
}
