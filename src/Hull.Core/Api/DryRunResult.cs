namespace Hull.Api;

/// <summary>POST /tx/dry-run: what committing a transaction would change, without changing anything.</summary>
internal sealed record DryRunResult(IReadOnlyList<string> ChangedKeys, IReadOnlyList<FileDiff> Files, IReadOnlyList<string> Services);

/// <summary>One file (or kernel value) a change would rewrite: now and after (null before: the file does not exist yet; null after: it is removed).</summary>
internal sealed record FileDiff(string Path, string? Before, string? After);

/// <summary>GET /configuration-files: one file settings shape, what it is made from and what restarts when it changes.</summary>
internal sealed record ConfigurationFileInfo(string Name, string Path, IReadOnlyList<string> Settings, IReadOnlyList<string> Services);
