namespace Hull.Datastore;

/// <summary>
/// The operations on a key → JSON map that both datastores share, so the file and in-memory
/// implementations differ only in where the maps live.
/// </summary>
internal static class SettingsMap
{
    /// <summary>A new map in the order every read returns: ordinal on the canonical key.</summary>
    public static SortedDictionary<string, string> Create() => new(StringComparer.Ordinal);

    /// <summary>The parsed prefix, or null for "everything" (null or empty text).</summary>
    public static DatastoreResult<DatastoreKey?> ParsePrefix(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return DatastoreResult<DatastoreKey?>.Success(null);
        }

        var parsed = DatastoreKey.Parse(prefix);
        return parsed.Succeeded ? DatastoreResult<DatastoreKey?>.Success(parsed.Value) : parsed.Error;
    }

    /// <summary>A copy of the entries of <paramref name="map"/> at or under <paramref name="prefix"/>, whole segments only.</summary>
    public static SortedDictionary<string, string> Select(IEnumerable<KeyValuePair<string, string>> map, DatastoreKey? prefix)
    {
        var selected = Create();
        foreach (var (key, value) in map)
        {
            if (prefix is null || IsAtOrUnder(key, prefix.ToString()))
            {
                selected[key] = value;
            }
        }

        return selected;
    }

    /// <summary>
    /// Checks every key and value of a request and returns them canonical. All or nothing: the first
    /// bad entry (in key order) is the error and nothing is stored.
    /// </summary>
    public static DatastoreResult<SortedDictionary<string, string>> Validate(IReadOnlyDictionary<string, string> values)
    {
        var canonical = Create();
        foreach (var (text, json) in values.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var key = DatastoreKey.Parse(text);
            if (!key.Succeeded)
            {
                return key.Error;
            }

            var name = key.Value.ToString();
            var value = DatastoreValue.Normalise(name, json);
            if (!value.Succeeded)
            {
                return value.Error;
            }

            if (!canonical.TryAdd(name, value.Value))
            {
                return new DatastoreError(DatastoreErrorKind.InvalidKey, text, $"key '{text}' is given twice (as '{name}' too)");
            }
        }

        return canonical;
    }

    /// <summary>
    /// Overlays <paramref name="changes"/> on <paramref name="target"/> and removes <paramref name="deletions"/>;
    /// returns the keys whose value actually changed (set to something new, or removed while present), in order.
    /// </summary>
    public static List<string> Apply(SortedDictionary<string, string> target, IEnumerable<KeyValuePair<string, string>> changes, IEnumerable<string>? deletions = null)
    {
        var changed = new List<string>();
        foreach (var (key, value) in changes)
        {
            if (!target.TryGetValue(key, out var old) || !string.Equals(old, value, StringComparison.Ordinal))
            {
                target[key] = value;
                changed.Add(key);
            }
        }

        foreach (var key in deletions ?? [])
        {
            if (target.Remove(key))
            {
                changed.Add(key);
            }
        }

        changed.Sort(StringComparer.Ordinal);
        return changed;
    }

    /// <summary>
    /// Whether canonical <paramref name="key"/> is canonical <paramref name="prefix"/> or a key under it. Keys are
    /// canonical, so this is a string test: the key either is the prefix or continues with the '.' that starts its
    /// next segment (a quoted segment's dots are inside its quotes, so they never end the prefix's text).
    /// </summary>
    public static bool IsAtOrUnder(string key, string prefix) =>
        key.StartsWith(prefix, StringComparison.Ordinal) && (key.Length == prefix.Length || key[prefix.Length] == '.');

    /// <summary>
    /// Checks the keys of a removal request and returns them canonical, in order, without repeats. All or nothing:
    /// the first bad key is the error.
    /// </summary>
    public static DatastoreResult<List<string>> ValidateKeys(IReadOnlyList<string> keys)
    {
        var canonical = new List<string>();
        foreach (var text in keys)
        {
            var key = DatastoreKey.Parse(text);
            if (!key.Succeeded)
            {
                return key.Error;
            }

            if (!canonical.Contains(key.Value.ToString()))
            {
                canonical.Add(key.Value.ToString());
            }
        }

        return canonical.Count > 0 ? canonical : new DatastoreError(DatastoreErrorKind.InvalidKey, "", "no key to remove was given");
    }
}
