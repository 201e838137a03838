namespace Hull.Updates;

/// <summary>One request on the updater's control socket, one JSON line: <c>{"command": "prepare"}</c>.</summary>
/// <param name="Command"><c>status</c>, <c>refresh</c>, <c>prepare</c>, <c>activate</c>, <c>deactivate</c> or <c>rollback</c>.</param>
internal sealed record UpdaterRequest(string? Command);
