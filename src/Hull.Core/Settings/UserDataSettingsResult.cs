using System.Text.Json.Nodes;

namespace Hull.Settings;

/// <summary>Settings read from user data: the tree, or why it cannot be applied.</summary>
/// <param name="Settings">The object inside <c>settings</c>; empty when the file has none or cannot be read.</param>
/// <param name="Errors">Syntax and validation errors, each naming the source, the line where known, and the key.</param>
/// <param name="IgnoredKeys">Top-level keys other than <c>settings</c>, skipped as Bottlerocket skips them; worth a log line.</param>
internal sealed record UserDataSettingsResult(JsonObject Settings, IReadOnlyList<SettingsError> Errors, IReadOnlyList<string> IgnoredKeys)
{
    /// <summary>True when the settings can be applied.</summary>
    public bool IsValid => Errors.Count == 0;
}
