using System.Security.Cryptography;
using Hull.Datastore;

namespace Hull.Settings;

/// <summary>
/// Commits that revert themselves unless confirmed: for changes (network, DNS, the API) that could cut the
/// operator off. The commit and what its keys held before are one datastore write, so the revert survives
/// a restart or a reboot; the timer lives here, on the injected clock.
/// </summary>
internal sealed partial class SettingsService
{
    private readonly Lock _confirmationGate = new();
    private readonly List<CapturedFile> _restores = [];
    private ITimer? _timer;
    private string? _armedId;
    private string? _lastRevert;

    /// <summary>The revert the deadline started last; tests await it after moving the clock.</summary>
    internal Task LastRevert { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Commits <paramref name="transaction"/> and applies what changed. With <paramref name="confirmWithin"/>, the
    /// commit is reverted (and the old values applied) unless <see cref="ConfirmAsync"/> comes within that time.
    /// </summary>
    public async Task<SettingsOutcome<CommitApplied>> CommitAndApplyAsync(string transaction, TimeSpan? confirmWithin, CancellationToken cancellationToken)
    {
        var options = new CommitOptions { Validate = ValidateForHost };
        if (confirmWithin is { } window)
        {
            var now = _time.GetUtcNow();
            var note = await CaptureAsync(transaction, cancellationToken).ConfigureAwait(false);
            options = options with { Confirmation = new ConfirmationRequest(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), now, now + window, window, note) };
        }

        var committed = await _store.CommitAsync(transaction, options, cancellationToken).ConfigureAwait(false);
        if (committed.Error is { } error)
        {
            return SettingsOutcome<CommitApplied>.Refused(error);
        }

        var (changed, confirmation) = committed.Value;
        Release(committed.Value.Removed);
        if (confirmation is not null)
        {
            Arm(confirmation, confirmation.Window);
            _log.WriteLine($"apiserver: commit {confirmation.Id} of transaction '{transaction}' is reverted at {confirmation.Deadline:O} unless confirmed: {string.Join(", ", changed)}");
        }

        var failures = changed.Count == 0 ? [] : await ApplyAsync(changed, cancellationToken).ConfigureAwait(false);
        return new CommitApplied(changed, confirmation, failures);
    }

    /// <summary>Keeps the commit awaiting confirmation (only if it is <paramref name="id"/>, when given).</summary>
    public async Task<SettingsOutcome<PendingConfirmation>> ConfirmAsync(string? id, CancellationToken cancellationToken)
    {
        var confirmed = await _store.ConfirmAsync(id, cancellationToken).ConfigureAwait(false);
        if (confirmed.Error is { } error)
        {
            return SettingsOutcome<PendingConfirmation>.Refused(WithLastRevert(error.Message), SettingsFailure.NotFound);
        }

        Disarm(confirmed.Value.Id);
        _log.WriteLine($"apiserver: commit {confirmed.Value.Id} of transaction '{confirmed.Value.Transaction}' confirmed");
        return confirmed.Value;
    }

    /// <summary>The commit awaiting confirmation.</summary>
    public async Task<SettingsOutcome<PendingConfirmation>> PendingConfirmationAsync(CancellationToken cancellationToken) =>
        await _store.GetConfirmationAsync(cancellationToken).ConfigureAwait(false) is { } pending
            ? pending
            : SettingsOutcome<PendingConfirmation>.Refused(WithLastRevert("no commit is awaiting confirmation"), SettingsFailure.NotFound);

    /// <summary>
    /// At start: a commit whose deadline passed while the apiserver was down (or the host off) is reverted now;
    /// one still in time waits for the rest, but never longer than its whole window, whatever the clock did.
    /// </summary>
    public async Task ResumeConfirmationAsync(CancellationToken cancellationToken)
    {
        if (await _store.GetConfirmationAsync(cancellationToken).ConfigureAwait(false) is not { } pending)
        {
            return;
        }

        var left = pending.Deadline - _time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            await RevertAsync(pending).ConfigureAwait(false);
            return;
        }

        Arm(pending, left < pending.Window ? left : pending.Window);
        _log.WriteLine($"apiserver: commit {pending.Id} of transaction '{pending.Transaction}' is still awaiting confirmation; reverting it in {Math.Ceiling(left.TotalSeconds)} s unless confirmed");
    }

    // What the files the transaction's new keys affect hold now: keys that did not exist are removed by a
    // revert, and then nothing renders their files, so the revert puts this back.
    private async Task<string?> CaptureAsync(string transaction, CancellationToken cancellationToken)
    {
        var pending = await _store.GetPendingAsync(transaction, null, cancellationToken).ConfigureAwait(false);
        var live = await _store.GetLiveAsync(null, cancellationToken).ConfigureAwait(false);
        if (!pending.Succeeded || !live.Succeeded)
        {
            return null; // the commit reports the error
        }

        var created = pending.Value.Keys.Where(k => !live.Value.ContainsKey(k)).ToList();
        if (created.Count == 0)
        {
            return null;
        }

        var effective = await GetAsync(null, null, transaction, cancellationToken).ConfigureAwait(false);
        return ConfirmationNote.Write(_applier.Capture(effective.Value!, created));
    }

    private void Arm(PendingConfirmation pending, TimeSpan due)
    {
        lock (_confirmationGate)
        {
            _timer?.Dispose();
            _armedId = pending.Id;
            _timer = _time.CreateTimer(_ => LastRevert = RevertOnTimeAsync(pending), null, due, Timeout.InfiniteTimeSpan);
        }
    }

    private void Disarm(string id)
    {
        lock (_confirmationGate)
        {
            if (_armedId == id)
            {
                _timer?.Dispose();
                _timer = null;
                _armedId = null;
            }
        }
    }

    // Nobody awaits the timer's revert: say what went wrong rather than lose it. If the datastore's write failed, the
    // record is still there: the store takes no more writes, the next request stops the apiserver, and its next
    // start reverts.
    private async Task RevertOnTimeAsync(PendingConfirmation pending)
    {
        try
        {
            await RevertAsync(pending).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or DatastoreException or UnauthorizedAccessException)
        {
            _log.WriteLine($"apiserver: reverting commit {pending.Id} of transaction '{pending.Transaction}' failed: {e.Message}");
        }
    }

    private async Task RevertAsync(PendingConfirmation pending)
    {
        Disarm(pending.Id);
        var reverted = await _store.RevertAsync(pending.Id, CancellationToken.None).ConfigureAwait(false);
        if (!reverted.Succeeded)
        {
            return; // confirmed meanwhile
        }

        var message = $"commit {pending.Id} of transaction '{pending.Transaction}' was not confirmed by {pending.Deadline:O}; reverted at {_time.GetUtcNow():O}";
        lock (_confirmationGate)
        {
            _lastRevert = message;
            _restores.AddRange(ConfirmationNote.Read(pending.Note));
        }

        _log.WriteLine($"apiserver: {message}: {string.Join(", ", reverted.Value)}");
        foreach (var failure in await ApplyAsync(reverted.Value, CancellationToken.None).ConfigureAwait(false))
        {
            _log.WriteLine($"apiserver: after the revert of {pending.Id}: {failure}");
        }
    }

    private List<CapturedFile> TakeRestores()
    {
        lock (_confirmationGate)
        {
            var taken = new List<CapturedFile>(_restores);
            _restores.Clear();
            return taken;
        }
    }

    private string WithLastRevert(string message)
    {
        lock (_confirmationGate)
        {
            return _lastRevert is null ? message : $"{message} ({_lastRevert})";
        }
    }
}
