namespace Hull.Updates;

/// <summary>The updater's answer, one JSON line: the status after the command, and why the command failed, if it did.</summary>
internal sealed record UpdaterReply(UpdateStatus? Status, UpdateError? Error = null);
