namespace Hull.Tuf;

/// <summary>The top-level roles, their "_type" values and file names, and the spec version this code writes.</summary>
public static class TufRoles
{
    /// <summary>The root role.</summary>
    public const string Root = "root";

    /// <summary>The targets role.</summary>
    public const string Targets = "targets";

    /// <summary>The snapshot role.</summary>
    public const string Snapshot = "snapshot";

    /// <summary>The timestamp role.</summary>
    public const string Timestamp = "timestamp";

    /// <summary>The spec release this code follows and writes into "spec_version"; files of any 1.x version are read.</summary>
    public const string SpecVersion = "1.0.34";

    /// <summary>Every role root.json must define.</summary>
    public static IReadOnlyList<string> All { get; } = [Root, Targets, Snapshot, Timestamp];

    /// <summary>The role's metadata file name without a version prefix, e.g. "snapshot.json".</summary>
    public static string FileName(string role) => role + ".json";

    /// <summary>The consistent-snapshot name of a metadata file, e.g. "42.snapshot.json".</summary>
    public static string VersionedFileName(long version, string role) => $"{version}.{role}.json";
}
