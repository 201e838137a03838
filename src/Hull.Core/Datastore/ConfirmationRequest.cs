namespace Hull.Datastore;

/// <summary>Asks a commit to wait for confirmation: the record's id, times and note (<see cref="PendingConfirmation"/>).</summary>
internal sealed record ConfirmationRequest(string Id, DateTimeOffset CommittedAt, DateTimeOffset Deadline, TimeSpan Window, string? Note);
