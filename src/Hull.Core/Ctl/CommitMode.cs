namespace Hull.Ctl;

/// <summary>
/// How `set`, `unset` and `apply` end: commit and apply (the default, and always for `run`, `scale` and `rm`), with a
/// revert unless confirmed within <see cref="ConfirmWithin"/> seconds, or only staged in the named <see cref="Transaction"/>.
/// </summary>
internal readonly record struct CommitMode(int? ConfirmWithin, string? Transaction)
{
    /// <summary>Commit and apply at once, nothing to confirm.</summary>
    public static CommitMode Now => default;
}
