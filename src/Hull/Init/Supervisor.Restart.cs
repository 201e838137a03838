namespace Hull.Init;

/// <summary>Restarts on request (PID 1's control socket): a service is stopped and started again at once, without back-off.</summary>
internal sealed partial class Supervisor
{
    private readonly Dictionary<string, ServiceRun> _runs = services.ToDictionary(s => s.Name, _ => new ServiceRun(), StringComparer.Ordinal);

    /// <summary>
    /// Restarts <paramref name="names"/> once each, in dependency order: each running process is stopped
    /// (SIGTERM, SIGKILL after the grace period) before the next service's; each starts again as soon as its
    /// dependencies are ready, reading its environment file anew. One in back-off starts now; one still waiting
    /// for its dependencies starts when they are ready, as it would have. Answers once every named process has
    /// stopped; an unknown name refuses the request.
    /// Services that depend on a restarted one keep running: they reconnect (the workloads service's CRI client
    /// connects again on its next call).
    /// </summary>
    public async Task<InitReply> RestartAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var unknown = names.Where(n => !_runs.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return InitReply.Refused($"no such service: {string.Join(", ", unknown)} (the services are {string.Join(", ", services.Select(s => s.Name))})");
        }

        var ordered = ServiceOrder.Sort(services, names);
        var done = new List<string>();
        foreach (var name in ordered)
        {
            Task running;
            CancellationTokenSource asked;
            lock (_lock)
            {
                var run = _runs[name];
                running = run.Current?.Task ?? Task.CompletedTask;
                asked = run.Restart;
                run.Restart = new CancellationTokenSource();
            }

            console.WriteLine($"hull: init: restarting {name} on request");
            await asked.CancelAsync().ConfigureAwait(false);
            var limit = _stopGrace + TimeSpan.FromSeconds(10);
            try
            {
                await running.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return InitReply.Refused($"{name} did not stop within {limit.TotalSeconds:F0} s" + (done.Count > 0 ? $" (restarted before it: {string.Join(", ", done)})" : ""));
            }

            done.Add(name);
        }

        return new InitReply(done);
    }

    // Taken before a run reads the environment file: a request that comes later cancels this run, so the
    // process it starts (or is about to) is stopped and started again with the file as it is then.
    private (CancellationToken Restart, TaskCompletionSource Run) BeginRun(string name)
    {
        lock (_lock)
        {
            var run = _runs[name];
            run.Current = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return (run.Restart.Token, run.Current);
        }
    }

    private CancellationToken RestartToken(string name)
    {
        lock (_lock)
        {
            return _runs[name].Restart.Token;
        }
    }

    // One service's restart signal (replaced by each request) and its current run, which completes once the
    // process it started has stopped.
    private sealed class ServiceRun
    {
        public CancellationTokenSource Restart { get; set; } = new();

        public TaskCompletionSource? Current { get; set; }
    }
}
