using System.Text.Json.Nodes;

namespace Hull.HostContainers;

/// <summary>
/// A bootstrap container as <c>settings.bootstrap-containers.&lt;name&gt;</c> declares it: run to completion at boot
/// before host containers and workloads start, in the order of their names; <paramref name="Mode"/> is always, once
/// (then set to off) or off; an <paramref name="Essential"/> one that fails stops the boot from reaching ready.
/// </summary>
internal sealed record BootstrapContainerSpec(string Name, string Source, string Mode, bool Essential, byte[]? UserData)
{
    /// <summary>Every entry under <c>settings.bootstrap-containers</c> that has a source, in the order they run.</summary>
    public static IReadOnlyList<BootstrapContainerSpec> ParseAll(JsonObject? settings) =>
        [.. (settings ?? []).Where(e => e.Value?["source"] is not null).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new BootstrapContainerSpec(
            e.Key,
            e.Value!["source"]!.GetValue<string>(),
            e.Value["mode"]?.GetValue<string>() ?? "off",
            e.Value["essential"]?.GetValue<bool>() ?? false,
            HostContainerSpec.UserDataOf(e.Value)))];
}
