namespace Hull.Datastore;

/// <summary>The datastore on disk cannot be used: a torn or foreign file, or a newer format. Not a bad request.</summary>
internal sealed class DatastoreException(DatastoreError error) : IOException(error.Message)
{
    /// <summary>What is wrong, and with which file.</summary>
    public DatastoreError Error { get; } = error;
}
