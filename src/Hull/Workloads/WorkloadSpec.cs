using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Hull.Settings;

namespace Hull.Workloads;

/// <summary>One port a workload publishes: its container port, and the host port it is reachable on (when given).</summary>
internal sealed record PortMapping(int ContainerPort, int? HostPort, string Protocol);

/// <summary>A folder on DATA that outlives the workload's containers, mounted at <paramref name="Path"/>.</summary>
internal sealed record VolumeMount(string Name, string Path, bool ReadOnly);

/// <summary>
/// How the manager tells a running replica is healthy: an HTTP GET answered 200-399, a TCP connect, or a command
/// in the container that exits 0. <paramref name="Retries"/> failures in a row (after the start period) restart it.
/// </summary>
internal sealed record HealthCheck(string Type, IReadOnlyList<string> Command, string Path, int Port, TimeSpan Interval, TimeSpan Timeout, int Retries, TimeSpan StartPeriod)
{
    /// <summary>The check under a workload's <c>health-check</c> settings, or null when there is none; the port defaults to the workload's first container port.</summary>
    public static HealthCheck? Parse(JsonNode? settings, int defaultPort) => settings?["type"]?.GetValue<string>() is not { } type ? null : new(
        type,
        [.. (settings["command"]?.AsArray() ?? []).Select(n => n!.GetValue<string>())],
        settings["path"]?.GetValue<string>() ?? "/",
        (int)(settings["port"]?.GetValue<long>() ?? defaultPort),
        TimeSpan.FromSeconds(settings["interval-seconds"]?.GetValue<long>() ?? 10),
        TimeSpan.FromSeconds(settings["timeout-seconds"]?.GetValue<long>() ?? 2),
        (int)(settings["retries"]?.GetValue<long>() ?? 3),
        TimeSpan.FromSeconds(settings["start-period-seconds"]?.GetValue<long>() ?? 0));
}

/// <summary>What restarts a replica's exited container.</summary>
internal enum RestartPolicy
{
    Always,
    OnFailure,
    Never,
}

/// <summary>
/// A workload as <c>settings.workloads.&lt;name&gt;</c> declares it (already validated by the schema).
/// <see cref="SpecHash"/> covers everything but the replica count, so scaling keeps replicas and any
/// other change replaces them.
/// </summary>
internal sealed record WorkloadSpec(
    string Name,
    string Image,
    IReadOnlyList<string> Command,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyList<PortMapping> Ports,
    IReadOnlyList<VolumeMount> Volumes,
    int Replicas,
    RestartPolicy Restart,
    decimal? Cpus,
    long? MemoryBytes,
    (long Uid, long? Gid)? User,
    bool ReadOnlyRoot,
    bool UserNamespace,
    HealthCheck? Health,
    string SpecHash)
{
    /// <summary>The workloads under <paramref name="workloads"/> (the object at settings.workloads), in name order; those without an image are left out.</summary>
    public static IReadOnlyList<WorkloadSpec> ParseAll(JsonObject? workloads) =>
        [.. (workloads ?? []).Where(kv => kv.Value?["image"] is not null).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Parse(kv.Key, kv.Value!.AsObject()))];

    /// <summary>One workload from its settings object.</summary>
    public static WorkloadSpec Parse(string name, JsonObject settings)
    {
        var withoutReplicas = settings.DeepClone().AsObject();
        withoutReplicas.Remove("replicas");
        return new WorkloadSpec(
            name,
            settings["image"]!.GetValue<string>(),
            Strings(settings["command"]),
            Strings(settings["args"]),
            (settings["env"]?.AsObject() ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>(), StringComparer.Ordinal),
            [.. (settings["ports"]?.AsArray() ?? []).Select(p => new PortMapping(
                (int)p!["container-port"]!.GetValue<long>(),
                p["host-port"] is { } host ? (int)host.GetValue<long>() : null,
                p["protocol"]?.GetValue<string>() ?? "tcp"))],
            [.. (settings["volumes"]?.AsArray() ?? []).Select(v => new VolumeMount(
                v!["name"]!.GetValue<string>(),
                v["path"]!.GetValue<string>(),
                v["read-only"]?.GetValue<bool>() ?? false))],
            settings["replicas"] is { } replicas ? (int)replicas.GetValue<long>() : 1,
            settings["restart-policy"]?.GetValue<string>() switch
            {
                "on-failure" => RestartPolicy.OnFailure,
                "never" => RestartPolicy.Never,
                _ => RestartPolicy.Always,
            },
            settings["cpus"] is { } cpus ? WorkloadFormats.Cpus(cpus.GetValue<string>()) : null,
            settings["memory"] is { } memory ? WorkloadFormats.MemoryBytes(memory.GetValue<string>()) : null,
            settings["user"] is { } user ? WorkloadFormats.User(user.GetValue<string>()) : null,
            settings["read-only-root"]?.GetValue<bool>() ?? false,
            settings["user-namespace"]?.GetValue<bool>() ?? false,
            HealthCheck.Parse(settings["health-check"], (int)(settings["ports"]?.AsArray().FirstOrDefault()?["container-port"]?.GetValue<long>() ?? 0)),
            Hash(withoutReplicas));
    }

    private static string[] Strings(JsonNode? node) => [.. (node?.AsArray() ?? []).Select(n => n!.GetValue<string>())];

    // Over JSON with every object's keys sorted: the same settings give the same hash whatever their order.
    private static string Hash(JsonObject settings) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SettingsJson.Write(Sorted(settings)))))[..16];

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Sorted(kv.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };
}
