namespace Hull.Api;

/// <summary>POST /tx/commit_and_apply?confirm-within=: the keys it changed and the confirmation it awaits (null when nothing changed).</summary>
internal sealed record CommitReply(List<string> Changed, ConfirmationView? Confirmation);
