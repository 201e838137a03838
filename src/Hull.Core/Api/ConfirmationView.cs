namespace Hull.Api;

/// <summary>A commit awaiting confirmation, as the API shows it: GET /tx/pending-confirmation, POST /tx/confirm, and commit_and_apply with confirm-within.</summary>
internal sealed record ConfirmationView(
    string Id,
    string Transaction,
    DateTimeOffset CommittedAt,
    DateTimeOffset Deadline,
    double SecondsLeft,
    List<ConfirmationChangeView> Changes);
