using System.Diagnostics;
using System.Text.Json;
using Hull.Api;
using Hull.Interop;
using Hull.Platform;

namespace Hull.Init;

/// <summary>
/// Starts services once their dependencies are ready, restarts them with back-off when they
/// exit, and publishes their state to /run/hull/services.json for the API. Every child is a
/// <see cref="Process"/>: as PID 1, .NET's SIGCHLD handling also reaps orphans, so no
/// waitpid(-1) of our own may run beside it.
/// </summary>
internal sealed class Supervisor(IReadOnlyList<ServiceDefinition> services, string statusFile, string logDirectory, TextWriter console, TimeSpan? stopGrace = null)
{
    private readonly TimeSpan _stopGrace = stopGrace ?? TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, ServiceStatus> _status = services.ToDictionary(
        s => s.Name, s => new ServiceStatus(s.Name, "waiting", null, 0, null, null, null), StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// Runs every service until <paramref name="stopping"/> is cancelled, then stops them all
    /// (SIGTERM, SIGKILL after the grace period) and completes.
    /// </summary>
    public Task RunAsync(CancellationToken stopping)
    {
        lock (_lock)
        {
            Publish();
        }

        return Task.WhenAll(services.Select(s => Task.Run(() => SuperviseAsync(s, stopping), CancellationToken.None)));
    }

    /// <summary>Whether <paramref name="name"/> has become ready.</summary>
    public bool IsReady(string name)
    {
        lock (_lock)
        {
            return _status[name].State == "ready";
        }
    }

    private async Task SuperviseAsync(ServiceDefinition service, CancellationToken stopping)
    {
        while (!service.DependsOn.All(IsReady))
        {
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
        }

        var backoff = TimeSpan.FromSeconds(1);
        while (!stopping.IsCancellationRequested)
        {
            var started = Stopwatch.StartNew();
            var exit = await RunOnceAsync(service, stopping).ConfigureAwait(false);
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            backoff = started.Elapsed > StableAfter ? TimeSpan.FromSeconds(1) : backoff;
            Update(service.Name, s => s with { State = "backoff", Pid = null, Restarts = s.Restarts + 1, LastExit = exit });
            console.WriteLine($"hull: init: {service.Name} {exit}; restarting in {backoff.TotalSeconds:F0} s");
            try
            {
                await Task.Delay(backoff, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private async Task<string> RunOnceAsync(ServiceDefinition service, CancellationToken stopping)
    {
        var start = new ProcessStartInfo(service.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // .NET services: no diagnostics IPC socket in /tmp. PID 1 starts with no PATH, and containerd's CNI
        // plugins look up iptables through it.
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        start.Environment["PATH"] = "/usr/sbin:/usr/bin";
        foreach (var arg in service.Arguments)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new IOException("Process.Start returned null");
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
            return $"could not start {service.Executable}: {e.Message}";
        }

        using (process)
        using (var log = OpenLog(service.Name))
        {
            process.OutputDataReceived += (_, e) => Forward(log, e.Data);
            process.ErrorDataReceived += (_, e) => Forward(log, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            Update(service.Name, s => s with { State = "starting", Pid = process.Id, StartedAt = Uptime.Seconds(), ReadyAt = null });
            BootTimeline.Mark($"service.started {service.Name}");
            while (!process.HasExited && !stopping.IsCancellationRequested)
            {
                if (service.IsReady())
                {
                    Update(service.Name, s => s with { State = "ready", ReadyAt = Uptime.Seconds() });
                    BootTimeline.Mark($"service.ready {service.Name}");
                    break;
                }

                await Task.Delay(25, CancellationToken.None).ConfigureAwait(false);
            }

            try
            {
                await process.WaitForExitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await StopAsync(service.Name, process).ConfigureAwait(false);
                return "stopped";
            }

            return $"exited with status {process.ExitCode}";
        }
    }

    private async Task StopAsync(string name, Process process)
    {
        Libc.Kill(process.Id, Libc.SIGTERM);
        using var grace = new CancellationTokenSource(_stopGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            console.WriteLine($"hull: init: {name} did not stop within {_stopGrace.TotalSeconds:F0} s; killing it");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        Update(name, s => s with { State = "stopped", Pid = null, LastExit = $"stopped (status {process.ExitCode})" });
    }

    // Service output goes to its log file, not the console: a serial console is slow, and containerd is chatty.
    private TextWriter OpenLog(string name)
    {
        try
        {
            Directory.CreateDirectory(logDirectory);
            return TextWriter.Synchronized(new StreamWriter(Path.Combine(logDirectory, name + ".log"), append: true) { AutoFlush = true });
        }
        catch (IOException e)
        {
            console.WriteLine($"hull: init: no log file for {name}: {e.Message}");
            return TextWriter.Null;
        }
    }

    private static void Forward(TextWriter log, string? line)
    {
        if (line is not null)
        {
            log.WriteLine(line);
        }
    }

    private void Update(string name, Func<ServiceStatus, ServiceStatus> change)
    {
        lock (_lock)
        {
            _status[name] = change(_status[name]);
            Publish();
        }
    }

    // Called with _lock held, so the file always shows the latest state.
    private void Publish()
    {
        List<ServiceStatus> snapshot = [.. services.Select(s => _status[s.Name])];
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(statusFile)!);
            var temp = statusFile + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(snapshot, ApiJsonContext.Default.ListServiceStatus));
            File.Move(temp, statusFile, overwrite: true);
        }
        catch (IOException e)
        {
            console.WriteLine($"hull: init: could not publish service status: {e.Message}");
        }
    }
}
