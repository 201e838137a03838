using System.Net.Sockets;

namespace Hull.Workloads;

/// <summary>One health probe of a running replica: null when it passed, else why it failed.</summary>
internal sealed class HealthProber(IWorkloadRuntime runtime) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });

    public async Task<string?> ProbeAsync(HealthCheck check, ReplicaState replica, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(check.Timeout);
        try
        {
            switch (check.Type)
            {
                case "exec":
                    var exit = await runtime.ExecAsync(replica.ContainerId!, check.Command, check.Timeout, timeout.Token).ConfigureAwait(false);
                    return exit == 0 ? null : $"{string.Join(' ', check.Command)} exited with {exit}";
                case "tcp":
                    using (var socket = new Socket(SocketType.Stream, ProtocolType.Tcp))
                    {
                        await socket.ConnectAsync(Address(replica), check.Port, timeout.Token).ConfigureAwait(false);
                    }

                    return null;
                default:
                    using (var response = await _http.GetAsync(new Uri($"http://{Address(replica)}:{check.Port}{check.Path}"), timeout.Token).ConfigureAwait(false))
                    {
                        var status = (int)response.StatusCode;
                        return status is >= 200 and < 400 ? null : $"GET {check.Path} on port {check.Port} answered {status}";
                    }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {check.Timeout.TotalSeconds:0} s";
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or Cri.CriException or InvalidOperationException)
        {
            return e.Message;
        }
    }

    private static string Address(ReplicaState replica) =>
        replica.PodIp ?? throw new InvalidOperationException("the replica has no pod address yet");

    public void Dispose() => _http.Dispose();
}
