namespace Hull.Datastore;

/// <summary>What a commit did: the keys whose live value changed (sorted), and the confirmation it awaits, if asked and anything changed.</summary>
internal sealed record CommitResult(IReadOnlyList<string> Changed, PendingConfirmation? Confirmation);
