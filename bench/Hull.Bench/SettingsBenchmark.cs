using System.Diagnostics;
using System.Text;
using Hull.Api;

namespace Hull.Bench;

/// <summary>
/// The settings round trip on the build machine: the NativeAOT hull binary as an apiserver in a
/// sandbox (its own socket, datastore and /etc), N clients each doing PATCH /settings then
/// POST /tx/commit_and_apply over the Unix socket, latency per round trip, and the server's memory.
/// </summary>
internal static class SettingsBenchmark
{
    public static async Task<SettingsResult> RunAsync(string hullBinary, string scratch, int clients, int roundTripsPerClient, CancellationToken cancellationToken)
    {
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(scratch, "root", "etc"));
        Directory.CreateDirectory(Path.Combine(scratch, "state"));
        var socket = Path.Combine(scratch, "api.sock");
        var start = new ProcessStartInfo(hullBinary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["apiserver", "--socket", socket, "--state", Path.Combine(scratch, "state"), "--root", Path.Combine(scratch, "root")])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        using var server = Process.Start(start)!;
        try
        {
            using var probe = ApiClient.ForUnixSocket(socket);
            await WaitForAsync(probe, server, cancellationToken);

            // Warm up, then measure.
            await RoundTripsAsync(socket, 1, 20, cancellationToken);
            var latencies = await RoundTripsAsync(socket, clients, roundTripsPerClient, cancellationToken);
            var status = await File.ReadAllTextAsync($"/proc/{server.Id}/status", cancellationToken);
            return new SettingsResult(clients, latencies, Field(status, "VmRSS"), Field(status, "VmHWM"));
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task<List<double>> RoundTripsAsync(string socket, int clients, int perClient, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            using var client = ApiClient.ForUnixSocket(socket);
            var mine = new List<double>(perClient);
            for (var i = 0; i < perClient; i++)
            {
                var clock = Stopwatch.StartNew();
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
                latencies.AddRange(mine);
            }
        }));
        return latencies;
    }

    // The API's own error text, not just the status: a failed benchmark should say why.
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static async Task WaitForAsync(HttpClient client, Process server, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 200; i++)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"hull apiserver exited: {await server.StandardError.ReadToEndAsync(cancellationToken)}");
            }

            try
            {
                (await client.GetAsync("/os", cancellationToken)).EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        throw new TimeoutException("hull apiserver did not answer within 10 s");
    }

    // "VmRSS:	   27456 kB" → bytes.
    internal static long Field(string procStatus, string name) => Platform.ProcFields.Parse(procStatus)[name];
}

/// <summary>One settings benchmark: every round trip's latency in milliseconds, and the server's resident memory after (and at peak).</summary>
internal sealed record SettingsResult(int Clients, IReadOnlyList<double> LatenciesMs, long ResidentBytes, long PeakResidentBytes);
