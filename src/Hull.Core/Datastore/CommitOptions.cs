namespace Hull.Datastore;

/// <summary>How a commit is checked and kept.</summary>
internal sealed record CommitOptions
{
    /// <summary>No check beyond the datastore's own, no confirmation.</summary>
    public static CommitOptions None { get; } = new();

    /// <summary>
    /// Checks live as the commit would leave it (every key), given the keys it changes; a message refuses the
    /// commit and leaves the transaction pending. It runs inside the writer, against the state the commit
    /// really applies to, so a commit ahead of it in the same batch is already there.
    /// </summary>
    public Func<IReadOnlyDictionary<string, string>, IReadOnlyList<string>, string?>? Validate { get; init; }

    /// <summary>When set, the commit is reverted unless confirmed (<see cref="IDatastore.ConfirmAsync"/>).</summary>
    public ConfirmationRequest? Confirmation { get; init; }
}
