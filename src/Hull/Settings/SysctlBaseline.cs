using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>
/// The value each kernel setting had before Hull first wrote it in this boot: what the setting goes back to
/// when it is removed, as a boot without it would leave it. Kept in <c>/run/hull/sysctl-baseline.json</c>
/// (tmpfs: one boot's worth), so an apiserver restart, which writes every sysctl again, does not take its own
/// values for the kernel's.
/// </summary>
internal sealed class SysctlBaseline(string root)
{
    /// <summary>Where the values are kept, under the host's root.</summary>
    public const string Location = "/run/hull/sysctl-baseline.json";

    private readonly Lock _gate = new();
    private Dictionary<string, string>? _values;

    /// <summary>Notes <paramref name="current"/> as the value of <paramref name="path"/> (a /proc/sys path) unless one is noted already.</summary>
    public void NoteBeforeWrite(string path, string current)
    {
        lock (_gate)
        {
            var values = Load();
            if (!values.TryAdd(path, current))
            {
                return;
            }

            var full = Full();
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var json = new JsonObject();
            foreach (var (key, value) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                json[key] = value;
            }

            File.WriteAllText(full + ".tmp", json.ToJsonString());
            File.Move(full + ".tmp", full, overwrite: true);
        }
    }

    /// <summary>The value noted for <paramref name="path"/>, or null when Hull has not written it this boot.</summary>
    public string? ValueOf(string path)
    {
        lock (_gate)
        {
            return Load().GetValueOrDefault(path);
        }
    }

    private Dictionary<string, string> Load()
    {
        if (_values is not null)
        {
            return _values;
        }

        _values = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(Full()) && JsonNode.Parse(File.ReadAllText(Full())) is JsonObject saved)
            {
                foreach (var (key, value) in saved)
                {
                    if (value is JsonValue text && text.TryGetValue<string>(out var s))
                    {
                        _values[key] = s;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Written atomically, so only a hand edit breaks it: start afresh rather than stop applying settings.
        }

        return _values;
    }

    private string Full() => Path.Combine(root, Location.TrimStart('/'));
}
