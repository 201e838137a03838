using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hull.Builder.Run;

/// <summary>A host started by `hull run`: where its files are and how to reach its API. Saved as instance.json in its folder.</summary>
internal sealed record Instance(string Name, string Directory, int Pid, int ApiPort, string SerialLog, bool Direct)
{
    [JsonIgnore]
    public TlsMaterial Tls => new(Path.Combine(Directory, "tls"));

    /// <summary>The machine as this process started it (for a power cycle); null for an instance loaded from its folder.</summary>
    [JsonIgnore]
    public Qemu.QemuMachine? Machine { get; init; }

    /// <summary>How long the console was when this QEMU process was launched (it is appended to across cold reboots).</summary>
    [JsonIgnore]
    public long ConsoleOffset { get; init; }

    [JsonIgnore]
    public Uri ApiAddress => new($"https://127.0.0.1:{ApiPort}/");

    /// <summary>The folder of instance <paramref name="name"/> under the checkout's cache.</summary>
    public static string DirectoryFor(string repoRoot, string name) => Path.Combine(repoRoot, ".cache", "run", name);

    public void Save() => File.WriteAllText(Path.Combine(Directory, "instance.json"), JsonSerializer.Serialize(this, InstanceJsonContext.Default.Instance));

    /// <summary>The saved instance, or null when none was started under that name.</summary>
    public static Instance? Load(string repoRoot, string name)
    {
        var file = Path.Combine(DirectoryFor(repoRoot, name), "instance.json");
        return File.Exists(file) ? JsonSerializer.Deserialize(File.ReadAllText(file), InstanceJsonContext.Default.Instance) : null;
    }

    /// <summary>Whether its QEMU process is still there.</summary>
    public bool IsRunning()
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(Pid);
            return !process.HasExited && process.ProcessName.StartsWith("qemu", StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(Instance))]
internal sealed partial class InstanceJsonContext : JsonSerializerContext;
