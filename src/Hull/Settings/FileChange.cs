namespace Hull.Settings;

/// <summary>One file a change would rewrite: its content now and after (null: removed), and the services that would restart.</summary>
internal sealed record FileChange(string Path, string? Before, string? After, IReadOnlyList<string> Services);
