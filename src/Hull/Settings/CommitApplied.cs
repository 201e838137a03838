using Hull.Datastore;

namespace Hull.Settings;

/// <summary>What commit_and_apply did: the keys it changed, the confirmation it awaits (if asked and anything changed), and the files that failed to apply.</summary>
internal sealed record CommitApplied(IReadOnlyList<string> Changed, PendingConfirmation? Confirmation, IReadOnlyList<ApplyFailure> Failures);
