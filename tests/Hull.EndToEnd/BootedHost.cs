using System.Diagnostics;
using System.Text.Json;
using Hull.Api;
using Hull.Builder.Build;
using Hull.Builder.Run;

namespace Hull.EndToEnd;

/// <summary>A Hull host booted in QEMU for a test, stopped on dispose. Its console log is kept for the report.</summary>
internal sealed class BootedHost : IAsyncDisposable
{
    // One QEMU process at a time: a power cycle and the cold-reboot watcher both start the machine again.
    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly bool _coldReboots;
    private Task _watcher = Task.CompletedTask;

    private BootedHost(Instance instance, bool coldReboots)
    {
        Instance = instance;
        _coldReboots = coldReboots;
    }

    public Instance Instance { get; private set; }

    /// <summary>Kills QEMU (a power cut) and starts the machine again on the same disk; the console starts afresh.</summary>
    public async Task PowerCycleAsync()
    {
        await _launch.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            Instance = await InstanceLauncher.PowerCycleAsync(Instance, TestContext.Current.CancellationToken);
        }
        finally
        {
            _launch.Release();
        }
    }

    /// <summary>
    /// Boots a host for a test. A test whose host reboots passes <paramref name="coldReboots"/>: a warm reset in place
    /// under TCG has left the next boot crawling for minutes (an update host after a long trial boot, and in CI the
    /// workload test's reboot, which printed nothing for 240 s after "reboot: Restarting system").
    /// </summary>
    public static async Task<BootedHost> StartAsync(
        BuildManifest build, string name, bool direct = false, string? userData = null,
        IReadOnlyList<(int HostPort, int GuestPort)>? publish = null, IReadOnlyList<(int GuestPort, int HostPort)>? guestServices = null, bool configDrive = false,
        bool powerCuts = false, bool coldReboots = false)
    {
        var instance = await InstanceLauncher.StartAsync(
            build, E2EBuild.ScratchDirectory(name), name, direct, "4G", TestContext.Current.CancellationToken, userData, publish, guestServices, configDrive, powerCuts, coldReboots);
        var host = new BootedHost(instance, coldReboots);
        if (coldReboots)
        {
            host._watcher = host.RelaunchAfterRebootsAsync(host._stopping.Token);
        }

        return host;
    }

    // With cold reboots a guest reboot ends QEMU: start a fresh process on the same disk, variables and console, as a
    // machine's reset would (a fresh process also starts with none of the last run's translated code).
    private async Task RelaunchAfterRebootsAsync(CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                await Task.Delay(250, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await _launch.WaitAsync(CancellationToken.None);
            try
            {
                if (InstanceLauncher.RebootedSinceLaunch(Instance))
                {
                    Instance = await InstanceLauncher.RelaunchAsync(Instance, CancellationToken.None);
                }
            }
            finally
            {
                _launch.Release();
            }
        }
    }

    /// <summary>
    /// Waits for GET /os over mutual TLS; fails with the console's tail. With cold reboots, a QEMU that ended because the
    /// guest rebooted is waited past: the watcher starts the machine again.
    /// </summary>
    public async Task<OsInfo> WaitForApiAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromMinutes(4);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var instance = Instance;
            try
            {
                return await InstanceLauncher.WaitForApiAsync(instance, limit - clock.Elapsed, null, TestContext.Current.CancellationToken);
            }
            catch (Exception) when (_coldReboots && clock.Elapsed < limit && (Instance != instance || InstanceLauncher.RebootedSinceLaunch(instance)))
            {
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{e.Message}\n--- console ---\n{ConsoleTail()}");
            }
        }
    }

    public HttpClient Client() => ApiClient.ForRemote(Instance.ApiAddress, Instance.Tls.LoadClient(), Instance.Tls.LoadCa());

    public async Task<T> GetAsync<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        using var client = Client();
        var json = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
        return JsonSerializer.Deserialize(json, type)!;
    }

    /// <summary>
    /// Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/>, the last error seen while
    /// polling, what the API says at <paramref name="reportPaths"/> (or why it could not say) and the console's tail.
    /// </summary>
    public async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, params string[] reportPaths)
    {
        var clock = Stopwatch.StartNew();
        Exception? lastError = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                lastError = e;
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        var report = new System.Text.StringBuilder($"timed out after {timeout.TotalSeconds:F0} s waiting for {what}\n");
        if (lastError is not null)
        {
            report.Append($"last error while polling: {lastError.GetType().Name}: {lastError.Message}\n");
        }

        foreach (var path in reportPaths)
        {
            report.Append($"--- {path} ---\n{await ReportAsync(path)}\n");
        }

        var qemu = Instance.IsRunning()
            ? await Hull.Builder.Qemu.QmpClient.StatusAsync(Path.Combine(Instance.Directory, "qmp.sock"), TestContext.Current.CancellationToken) ?? "running, QMP does not answer"
            : "not running";
        report.Append($"--- QEMU ---\n{qemu}\n--- console ---\n{ConsoleTail()}");
        throw new Xunit.Sdk.XunitException(report.ToString());
    }

    // What the API answers at path, or why it does not: a failure report must not fail itself.
    private async Task<string> ReportAsync(string path)
    {
        try
        {
            using var api = Client();
            return await api.GetStringAsync(path, TestContext.Current.CancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            return $"(no answer: {e.GetType().Name}: {e.Message})";
        }
    }

    /// <summary>Waits until the console shows <paramref name="text"/>.</summary>
    public Task WaitForConsoleAsync(string text, TimeSpan timeout) =>
        EventuallyAsync(() => Task.FromResult(ConsoleText().Contains(text, StringComparison.Ordinal)), timeout, $"'{text}' on the console");

    public string ConsoleText() => File.Exists(Instance.SerialLog) ? File.ReadAllText(Instance.SerialLog) : "";

    public string ConsoleTail() => ConsoleText() is var text && text.Length > 4000 ? text[^4000..] : ConsoleText();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _watcher;
        _stopping.Dispose();
        _launch.Dispose();
        await InstanceLauncher.StopAsync(Instance);
        TestContext.Current.SendDiagnosticMessage($"{Instance.Name} console log: {Instance.SerialLog}");
    }
}
