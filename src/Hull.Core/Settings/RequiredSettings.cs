namespace Hull.Settings;

/// <summary>
/// Keys that can be changed but never removed: nothing could put them back (they have no variant default) and
/// something needs them. Removing one, or a table above one, is refused naming the key and why.
/// </summary>
internal static class RequiredSettings
{
    /// <summary>Each required key (full, canonical) and why it cannot go.</summary>
    public static IReadOnlyDictionary<string, string> Keys { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["settings.updates.seed"] = "it is drawn once, on first boot, and places this host in its update wave; set another value (0-2047) instead",
    };

    /// <summary>Why removing canonical <paramref name="key"/> (and everything under it) is refused, or null when it may go.</summary>
    public static string? RefuseRemoval(string key) =>
        Keys.FirstOrDefault(required => required.Key == key || required.Key.StartsWith(key + ".", StringComparison.Ordinal)) is { Key: { } found, Value: var why }
            ? $"{found}: cannot be removed ({why})"
            : null;
}
