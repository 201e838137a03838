namespace Hull.Datastore;

/// <summary>Why the datastore refused a request or a file.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Subject">The key, transaction, metadata name or file at fault.</param>
/// <param name="Message">Human-readable text naming <paramref name="Subject"/> and the rule it breaks.</param>
internal sealed record DatastoreError(DatastoreErrorKind Kind, string Subject, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Message;
}
