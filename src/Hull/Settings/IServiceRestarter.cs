using Hull.Init;

namespace Hull.Settings;

/// <summary>Restarts the services whose configuration changed: PID 1 through its control socket on the host (<see cref="InitControlClient"/>).</summary>
internal interface IServiceRestarter
{
    /// <summary>Restarts <paramref name="services"/>; the reply names them, or says why nothing was restarted.</summary>
    public Task<InitReply> RestartAsync(IReadOnlyList<string> services, CancellationToken cancellationToken);
}
