using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>
/// Metadata that ties settings to what they shape: a file the applier owns (or a kernel value
/// under /proc/sys), the setting prefixes it is made from, and the services to restart when it
/// changes. <see cref="Render"/> gives its content for a settings object, or null when the
/// settings leave it alone.
/// </summary>
internal sealed record ConfigurationFile(string Name, string Path, IReadOnlyList<string> Prefixes, IReadOnlyList<string> Services, Func<JsonObject, string?> Render)
{
    /// <summary>Whether a change of <paramref name="key"/> affects this file.</summary>
    public bool IsAffectedBy(string key) => Prefixes.Any(p => key == p || key.StartsWith(p + ".", StringComparison.Ordinal) || p.StartsWith(key + ".", StringComparison.Ordinal));
}
