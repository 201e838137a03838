namespace Hull.Updates;

/// <summary>The last command and how it went (Bottlerocket's <c>most_recent_command</c>, with Hull's error record instead of stderr).</summary>
/// <param name="CmdType"><c>refresh</c>, <c>prepare</c>, <c>activate</c>, <c>deactivate</c> or <c>rollback</c>.</param>
/// <param name="CmdStatus"><c>Running</c>, <c>Success</c> or <c>Failed</c>.</param>
/// <param name="Timestamp">When it started (Running) or ended.</param>
/// <param name="Error">Why it failed, naming the file and the reason.</param>
internal sealed record CommandResult(string CmdType, string CmdStatus, DateTimeOffset Timestamp, UpdateError? Error = null);
