using System.Diagnostics;
using System.Text.Json;
using Hull.Api;
using Hull.Interop;
using Hull.Platform;

namespace Hull.Init;

/// <summary>
/// Starts services once their dependencies are ready, restarts them with back-off when they
/// exit (and at once when asked, <c>Supervisor.Restart.cs</c>), and publishes their state to
/// /run/hull/services.json for the API. Every child is a <see cref="Process"/>: as PID 1, .NET's
/// SIGCHLD handling also reaps orphans, so no waitpid(-1) of our own may run beside it.
/// </summary>
internal sealed partial class Supervisor(IReadOnlyList<ServiceDefinition> services, string statusFile, string logDirectory, TextWriter console, TimeSpan? stopGrace = null)
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
        var backoff = TimeSpan.FromSeconds(1);
        while (true)
        {
            // Before every start, not only the first: a dependency restarted on request is back before its dependents.
            if (!await DependenciesReadyAsync(service, stopping).ConfigureAwait(false))
            {
                return;
            }

            var (restart, run) = BeginRun(service.Name);
            var started = Stopwatch.StartNew();
            string? exit;
            try
            {
                exit = await RunOnceAsync(service, restart, stopping).ConfigureAwait(false);
            }
            finally
            {
                run.TrySetResult();
            }

            if (stopping.IsCancellationRequested)
            {
                return;
            }

            if (restart.IsCancellationRequested)
            {
                // Asked for: no back-off, and the next start reads the service's environment file again.
                if (exit is not null)
                {
                    Update(service.Name, s => s with { State = "restarting", Pid = null, Restarts = s.Restarts + 1, LastExit = $"restarted on request; {exit}" });
                    console.WriteLine($"hull: init: {service.Name} restarted on request");
                }

                backoff = TimeSpan.FromSeconds(1);
                continue;
            }

            backoff = started.Elapsed > StableAfter ? TimeSpan.FromSeconds(1) : backoff;
            Update(service.Name, s => s with { State = "backoff", Pid = null, Restarts = s.Restarts + 1, LastExit = exit });
            console.WriteLine($"hull: init: {service.Name} {exit}; restarting in {backoff.TotalSeconds:F0} s");
            using (var wake = CancellationTokenSource.CreateLinkedTokenSource(stopping, RestartToken(service.Name)))
            {
                try
                {
                    await Task.Delay(backoff, wake.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    // A restart request ends the back-off early.
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    // False once stopping; "waiting" is shown while a dependency is not ready.
    private async Task<bool> DependenciesReadyAsync(ServiceDefinition service, CancellationToken stopping)
    {
        var shown = false;
        while (!service.DependsOn.All(IsReady))
        {
            if (stopping.IsCancellationRequested)
            {
                return false;
            }

            if (!shown)
            {
                Update(service.Name, s => s with { State = "waiting", Pid = null });
                shown = true;
            }

            await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
        }

        return !stopping.IsCancellationRequested;
    }

    // Null when a restart was asked for before the process started (nothing ran, nothing to count).
    private async Task<string?> RunOnceAsync(ServiceDefinition service, CancellationToken restart, CancellationToken stopping)
    {
        if (restart.IsCancellationRequested)
        {
            return null;
        }

        var start = new ProcessStartInfo(service.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        foreach (var arg in service.Arguments)
        {
            start.ArgumentList.Add(arg);
        }

        using var log = OpenLog(service.Name);
        if (service.EnvironmentFile is { } environmentFile)
        {
            AddEnvironment(service.Name, environmentFile, start, log);
        }

        // .NET services: no diagnostics IPC socket in /tmp. PID 1 starts with no PATH, and containerd's CNI
        // plugins look up iptables through it. Set after the environment file, which cannot change them.
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        start.Environment["PATH"] = "/usr/sbin:/usr/bin";

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
        {
            process.OutputDataReceived += (_, e) => Forward(log, e.Data);
            process.ErrorDataReceived += (_, e) => Forward(log, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            Update(service.Name, s => s with { State = "starting", Pid = process.Id, StartedAt = Uptime.Seconds(), ReadyAt = null });
            BootTimeline.Mark($"service.started {service.Name}");
            while (!process.HasExited && !stopping.IsCancellationRequested && !restart.IsCancellationRequested)
            {
                if (service.IsReady())
                {
                    Update(service.Name, s => s with { State = "ready", ReadyAt = Uptime.Seconds() });
                    BootTimeline.Mark($"service.ready {service.Name}");
                    break;
                }

                await Task.Delay(25, CancellationToken.None).ConfigureAwait(false);
            }

            using var end = CancellationTokenSource.CreateLinkedTokenSource(stopping, restart);
            try
            {
                await process.WaitForExitAsync(end.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return await StopAsync(service.Name, process).ConfigureAwait(false);
            }

            return $"exited with status {process.ExitCode}";
        }
    }

    // The service's log says which variables it got (names only: a proxy URL may carry a password).
    private void AddEnvironment(string name, string file, ProcessStartInfo start, TextWriter log)
    {
        var (variables, problems) = EnvironmentFile.Read(file);
        foreach (var problem in problems)
        {
            console.WriteLine($"hull: init: {name}: {problem}");
            log.WriteLine($"hull: init: {problem}");
        }

        foreach (var (key, value) in variables)
        {
            start.Environment[key] = value;
        }

        log.WriteLine($"hull: init: starting {name} with {(variables.Count == 0 ? "no variables" : string.Join(", ", variables.Select(v => v.Key)))} from {file}");
    }

    private async Task<string> StopAsync(string name, Process process)
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

        var exit = $"stopped (status {process.ExitCode})";
        Update(name, s => s with { State = "stopped", Pid = null, LastExit = exit });
        return exit;
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
        if (line is null)
        {
            return;
        }

        try
        {
            log.WriteLine(line);
        }
        catch (ObjectDisposedException)
        {
            // A last line after the run ended: lost, rather than an unhandled exception in PID 1.
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
