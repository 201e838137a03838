namespace Hull.Init;

/// <summary>A service PID 1 starts and keeps running.</summary>
/// <param name="Name">Name shown by the API.</param>
/// <param name="Executable">Absolute path of the program.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="IsReady">True once the service answers (e.g. its socket accepts connections).</param>
/// <param name="DependsOn">Services that must be ready before this one starts.</param>
/// <param name="EnvironmentFile">NAME=VALUE lines added to its environment, read again at every start (settings render it).</param>
internal sealed record ServiceDefinition(
    string Name,
    string Executable,
    IReadOnlyList<string> Arguments,
    Func<bool> IsReady,
    IReadOnlyList<string> DependsOn,
    string? EnvironmentFile = null);
