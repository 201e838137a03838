namespace Hull.Datastore;

/// <summary>
/// A commit that is undone unless confirmed: the keys it changed with their values before and after, and
/// until when it waits. It is stored with the commit in one atomic write, so it survives a restart.
/// </summary>
/// <param name="Id">Names this commit, so a late revert cannot undo a later one.</param>
/// <param name="Transaction">The transaction that was committed.</param>
/// <param name="CommittedAt">When it was committed (the caller's clock).</param>
/// <param name="Deadline">When it is reverted if not confirmed.</param>
/// <param name="Window">The time it was given; a restart waits at most this long again, whatever the clock says.</param>
/// <param name="Changes">Each changed key, sorted.</param>
/// <param name="Note">The caller's own JSON, kept with it (the host keeps what the files held before).</param>
internal sealed record PendingConfirmation(
    string Id,
    string Transaction,
    DateTimeOffset CommittedAt,
    DateTimeOffset Deadline,
    TimeSpan Window,
    IReadOnlyList<ConfirmationChange> Changes,
    string? Note);
