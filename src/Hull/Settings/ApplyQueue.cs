namespace Hull.Settings;

/// <summary>
/// Runs applies one at a time and folds the ones that arrive meanwhile into the next run: that run
/// reads live once and renders the union of their keys. One at a time, because two applies raced on
/// the same temp file, and one that read live before a later commit could finish last and leave
/// the older value on the host. Folding, so twenty clients committing at once cost a few renders,
/// not twenty. Each caller hears only the failures of files its own keys affect.
/// </summary>
internal sealed class ApplyQueue(Func<IReadOnlyCollection<string>?, CancellationToken, Task<IReadOnlyList<ApplyFailure>>> apply)
{
    private readonly Lock _gate = new();
    private List<Waiter> _queued = [];
    private bool _running;

    /// <summary>Applies <paramref name="keys"/> (null: everything) with live as it is when the run starts, which is after the caller's commit.</summary>
    public Task<IReadOnlyList<ApplyFailure>> ApplyAsync(IReadOnlyCollection<string>? keys, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(keys, new TaskCompletionSource<IReadOnlyList<ApplyFailure>>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool lead;
        lock (_gate)
        {
            _queued.Add(waiter);
            lead = !_running;
            _running = true;
        }

        if (lead)
        {
            // Not the caller's token: the others folded into this run still need it done if it goes away.
            _ = RunAsync();
        }

        return waiter.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        while (true)
        {
            List<Waiter> batch;
            lock (_gate)
            {
                if (_queued.Count == 0)
                {
                    _running = false;
                    return;
                }

                batch = _queued;
                _queued = [];
            }

            IReadOnlyCollection<string>? keys = batch.Any(w => w.Keys is null)
                ? null
                : batch.SelectMany(w => w.Keys!).Distinct(StringComparer.Ordinal).ToList();
            try
            {
                var failures = await apply(keys, CancellationToken.None).ConfigureAwait(false);
                foreach (var waiter in batch)
                {
                    waiter.Done.TrySetResult(waiter.Keys is null ? failures : [.. failures.Where(f => waiter.Keys.Any(f.File.IsAffectedBy))]);
                }
            }
            catch (Exception e)
            {
                foreach (var waiter in batch)
                {
                    waiter.Done.TrySetException(e);
                }
            }
        }
    }

    private sealed record Waiter(IReadOnlyCollection<string>? Keys, TaskCompletionSource<IReadOnlyList<ApplyFailure>> Done);
}
