namespace Hull.Settings;

/// <summary>What a configuration file (or kernel value) held before a change that may be reverted; null content: the file did not exist.</summary>
internal sealed record CapturedFile(string Name, string Path, string? Content);
