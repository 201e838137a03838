namespace Hull.Init;

/// <summary>One request on PID 1's control socket, one JSON line: <c>{"restart": ["containerd"]}</c>.</summary>
/// <param name="Restart">Services to restart (stopped, then started again once their dependencies are ready).</param>
internal sealed record InitRequest(IReadOnlyList<string>? Restart);
