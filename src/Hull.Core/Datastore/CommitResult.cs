namespace Hull.Datastore;

/// <summary>What a commit did: the keys whose live value changed (sorted), and the confirmation it awaits, if asked and anything changed.</summary>
internal sealed record CommitResult(IReadOnlyList<string> Changed, PendingConfirmation? Confirmation)
{
    /// <summary>The keys the commit removed from live, with the values they had (so the caller can tell what they fed).</summary>
    public IReadOnlyDictionary<string, string> Removed { get; init; } = new Dictionary<string, string>();
}
