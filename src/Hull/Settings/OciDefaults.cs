using System.Globalization;
using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>
/// <c>settings.oci-defaults</c> as the base OCI spec of workload containers (<see cref="OciBaseSpec"/>), which
/// containerd's CRI plugin reads when it starts, so a change restarts containerd. Capabilities are containerd's
/// default set, with each one named <c>true</c> added and each named <c>false</c> dropped; each resource limit
/// named becomes an rlimit (a limit given alone is both soft and hard; "unlimited" is RLIM_INFINITY).
/// </summary>
internal static class OciDefaults
{
    /// <summary>Where it is rendered (and where PID 1 writes the default version at boot, before containerd starts).</summary>
    public const string Path = "/etc/containerd/cri-base.json";

    /// <summary>The settings prefix the file is made from.</summary>
    public const string Prefix = "settings.oci-defaults";

    private const string LimitsPrefix = Prefix + ".resource-limits";

    // Bottlerocket's names for the rlimits (the schema's SettingsNames.ResourceLimit) and the kernel's.
    private static readonly Dictionary<string, string> RlimitTypes = new(StringComparer.Ordinal)
    {
        ["max-address-space"] = "RLIMIT_AS",
        ["max-core-file-size"] = "RLIMIT_CORE",
        ["max-cpu-time"] = "RLIMIT_CPU",
        ["max-data-size"] = "RLIMIT_DATA",
        ["max-file-locks"] = "RLIMIT_LOCKS",
        ["max-file-size"] = "RLIMIT_FSIZE",
        ["max-locked-memory"] = "RLIMIT_MEMLOCK",
        ["max-msgqueue-size"] = "RLIMIT_MSGQUEUE",
        ["max-nice-priority"] = "RLIMIT_NICE",
        ["max-open-files"] = "RLIMIT_NOFILE",
        ["max-pending-signals"] = "RLIMIT_SIGPENDING",
        ["max-processes"] = "RLIMIT_NPROC",
        ["max-realtime-priority"] = "RLIMIT_RTPRIO",
        ["max-realtime-timeout"] = "RLIMIT_RTTIME",
        ["max-resident-set"] = "RLIMIT_RSS",
        ["max-stack-size"] = "RLIMIT_STACK",
    };

    /// <summary>The base spec for <paramref name="settings"/>; the variant's defaults (none here) give containerd's own default.</summary>
    public static string Render(JsonObject settings) => OciBaseSpec.Render(Capabilities(settings), Rlimits(settings));

    /// <summary>containerd's default capabilities in its order, less those set to false, then those set to true in name order.</summary>
    public static IReadOnlyList<string> Capabilities(JsonObject settings)
    {
        var named = (settings["oci-defaults"]?["capabilities"]?.AsObject() ?? [])
            .Select(kv => (Name: CapabilityName(kv.Key), Enabled: kv.Value!.GetValue<bool>()))
            .ToList();
        var dropped = named.Where(c => !c.Enabled).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var kept = OciBaseSpec.DefaultCapabilities.Where(c => !dropped.Contains(c));
        var added = named.Where(c => c.Enabled).Select(c => c.Name).Except(OciBaseSpec.DefaultCapabilities, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return [.. kept, .. added];
    }

    /// <summary>The rlimits the settings name, in the order of their kernel names.</summary>
    public static IReadOnlyList<OciRlimit> Rlimits(JsonObject settings) =>
        [.. (settings["oci-defaults"]?["resource-limits"]?.AsObject() ?? [])
            .Where(kv => RlimitTypes.ContainsKey(kv.Key))
            .Select(kv => Rlimit(RlimitTypes[kv.Key], kv.Value?["soft-limit"], kv.Value?["hard-limit"]))
            .OfType<OciRlimit>()
            .OrderBy(r => r.Type, StringComparer.Ordinal)];

    /// <summary>
    /// Why a commit leaving <paramref name="live"/> must be refused: a resource limit whose soft limit is above its hard one
    /// (setrlimit(2) refuses it, so no workload container could start). Checked whenever a changed key touches the limits.
    /// </summary>
    public static string? Refusal(IReadOnlyDictionary<string, string> live, IReadOnlyList<string> changed)
    {
        if (!changed.Any(k => k == LimitsPrefix || k.StartsWith(LimitsPrefix + ".", StringComparison.Ordinal) || LimitsPrefix.StartsWith(k + ".", StringComparison.Ordinal)))
        {
            return null;
        }

        var limits = SettingsTree.Unflatten(live.Where(kv => kv.Key.StartsWith(LimitsPrefix + ".", StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal), LimitsPrefix);
        foreach (var (name, limit) in limits)
        {
            if (Limit(limit?["soft-limit"]) is { } soft && Limit(limit?["hard-limit"]) is { } hard && soft > hard)
            {
                return $"{LimitsPrefix}.{name}: soft-limit {Show(soft)} is above hard-limit {Show(hard)} (the kernel refuses a soft limit above the hard one)";
            }
        }

        return null;
    }

    // "net-bind-service" → "CAP_NET_BIND_SERVICE" (the schema allows only the kernel's capabilities, spelled this way).
    private static string CapabilityName(string name) => "CAP_" + name.Replace('-', '_').ToUpperInvariant();

    // A soft limit above the hard one cannot be committed (Refusal); one stored before that rule is lowered to the hard one
    // rather than written into a spec every container would fail to start from.
    private static OciRlimit? Rlimit(string type, JsonNode? softNode, JsonNode? hardNode)
    {
        var soft = Limit(softNode);
        var hard = Limit(hardNode);
        return (soft ?? hard, hard ?? soft) is ({ } s, { } h) ? new OciRlimit(type, Math.Min(s, h), h) : null;
    }

    private static ulong? Limit(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => text == "unlimited" ? ulong.MaxValue : null,
        JsonValue v when v.TryGetValue<long>(out var n) && n >= 0 => (ulong)n,
        _ => null,
    };

    private static string Show(ulong limit) => limit == ulong.MaxValue ? "unlimited" : limit.ToString(CultureInfo.InvariantCulture);
}
