using System.Diagnostics;

namespace Hull.Bench;

/// <summary>
/// Start times of the NativeAOT hull binary on the build machine, as its parent sees them: <c>hull --version</c> from
/// spawn to exit, and the apiserver sandbox (<see cref="ApiSandbox"/>, its remote listener configured) from spawn to its
/// Unix socket accepting a connection, PID 1's readiness check.
/// </summary>
internal static class StartupBenchmark
{
    public static async Task<HullBinaryResult> RunAsync(string hullBinary, long rootErofsBytes, string scratch, int runs, CancellationToken cancellationToken)
    {
        var version = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            version.Add(await VersionAsync(hullBinary, cancellationToken));
        }

        // The first start seeds the datastore and applies the user data (a host's first boot); the measured ones find
        // both done, as every later boot does.
        var sandbox = ApiSandbox.Create(scratch);
        await ApiserverStartAsync(sandbox, hullBinary, cancellationToken);
        var apiserver = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            apiserver.Add(await ApiserverStartAsync(sandbox, hullBinary, cancellationToken));
        }

        return new HullBinaryResult(new FileInfo(hullBinary).Length, rootErofsBytes, version, apiserver);
    }

    private static async Task<double> VersionAsync(string hullBinary, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(hullBinary, "--version") { RedirectStandardOutput = true };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{hullBinary} --version exited with {process.ExitCode}");
        }

        return elapsed;
    }

    private static async Task<double> ApiserverStartAsync(ApiSandbox sandbox, string hullBinary, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var server = sandbox.Start(hullBinary);
        try
        {
            await ApiSandbox.WaitUntilAcceptsAsync(server, sandbox.SocketEndPoint, TimeSpan.FromSeconds(30), cancellationToken);
            return clock.Elapsed.TotalMilliseconds;
        }
        finally
        {
            await ApiSandbox.StopAsync(server);
        }
    }
}
