using System.Diagnostics;
using System.Text;
using Hull.Api;

namespace Hull.Bench;

/// <summary>
/// The settings round trip on the build machine: the NativeAOT hull binary as an apiserver in a sandbox
/// (<see cref="ApiSandbox"/>), N clients each doing PATCH /settings then POST /tx/commit_and_apply over the Unix socket
/// or mutual TLS, latency per round trip, and the server's memory.
/// </summary>
internal static class SettingsBenchmark
{
    public static async Task<SettingsResult> RunAsync(string hullBinary, string scratch, ApiTransport transport, int clients, int roundTripsPerClient, CancellationToken cancellationToken)
    {
        var sandbox = ApiSandbox.Create(scratch);
        using var server = sandbox.Start(hullBinary);
        try
        {
            await ApiSandbox.WaitUntilAcceptsAsync(server, transport == ApiTransport.Unix ? sandbox.SocketEndPoint : sandbox.RemoteEndPoint, TimeSpan.FromSeconds(30), cancellationToken);

            // Warm up, then measure.
            await RoundTripsAsync(sandbox, transport, 1, 20, cancellationToken);
            var (connects, latencies) = await RoundTripsAsync(sandbox, transport, clients, roundTripsPerClient, cancellationToken);
            var status = await File.ReadAllTextAsync($"/proc/{server.Id}/status", cancellationToken);
            return new SettingsResult(clients, latencies, Field(status, "VmRSS"), Field(status, "VmHWM"), transport, connects);
        }
        finally
        {
            await ApiSandbox.StopAsync(server);
        }
    }

    // Each client first opens its connection with a GET /os (timed apart: for mutual TLS it holds the handshake), then
    // its round trips run on that connection.
    private static async Task<(List<double> Connects, List<double> Latencies)> RoundTripsAsync(ApiSandbox sandbox, ApiTransport transport, int clients, int perClient, CancellationToken cancellationToken)
    {
        var connects = new List<double>();
        var latencies = new List<double>();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            using var client = sandbox.Client(transport);
            var clock = Stopwatch.StartNew();
            using (var os = await client.GetAsync("/os", cancellationToken))
            {
                await EnsureSuccessAsync(os, cancellationToken);
            }

            var connect = clock.Elapsed.TotalMilliseconds;
            var mine = new List<double>(perClient);
            for (var i = 0; i < perClient; i++)
            {
                clock.Restart();
                var tx = $"bench-{c}";
                using (var patch = new HttpRequestMessage(HttpMethod.Patch, $"/settings?tx={tx}") { Content = new StringContent($$"""{"motd":"client {{c}} round {{i}}"}""", Encoding.UTF8, "application/json") })
                using (var response = await client.SendAsync(patch, cancellationToken))
                {
                    await EnsureSuccessAsync(response, cancellationToken);
                }

                using (var commit = await client.PostAsync($"/tx/commit_and_apply?tx={tx}", null, cancellationToken))
                {
                    await EnsureSuccessAsync(commit, cancellationToken);
                }

                mine.Add(clock.Elapsed.TotalMilliseconds);
            }

            lock (latencies)
            {
                connects.Add(connect);
                latencies.AddRange(mine);
            }
        }));
        return (connects, latencies);
    }

    // The API's own error text, not just the status: a failed benchmark should say why.
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    // "VmRSS:	   27456 kB" → bytes.
    internal static long Field(string procStatus, string name) => Platform.ProcFields.Parse(procStatus)[name];
}

/// <summary>
/// One settings benchmark: every round trip's latency in milliseconds, and the server's resident memory after (and at
/// peak). <paramref name="ConnectMs"/>: each client's first request, opening its connection; null in files from before
/// it was measured apart (then each client's first round trip opened it), as were their transports all the Unix socket.
/// </summary>
internal sealed record SettingsResult(
    int Clients,
    IReadOnlyList<double> LatenciesMs,
    long ResidentBytes,
    long PeakResidentBytes,
    ApiTransport Transport = ApiTransport.Unix,
    IReadOnlyList<double>? ConnectMs = null);
