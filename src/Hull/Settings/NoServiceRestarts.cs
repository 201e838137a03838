using Hull.Init;

namespace Hull.Settings;

/// <summary>Where there is no PID 1 of Hull's (the apiserver sandbox on a build machine, unit tests): restarts are skipped, and the reply says so by naming none.</summary>
internal sealed class NoServiceRestarts : IServiceRestarter
{
    /// <summary>The one instance.</summary>
    public static NoServiceRestarts Instance { get; } = new();

    /// <inheritdoc/>
    public Task<InitReply> RestartAsync(IReadOnlyList<string> services, CancellationToken cancellationToken) => Task.FromResult(new InitReply([]));
}
