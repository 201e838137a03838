namespace Hull.Datastore;

/// <summary>Everything the datastore refuses or finds wrong; the API maps each kind to an HTTP status.</summary>
internal enum DatastoreErrorKind
{
    /// <summary>A setting key (or prefix) breaks the key syntax.</summary>
    InvalidKey,

    /// <summary>A value is not well-formed JSON, or is an object.</summary>
    InvalidValue,

    /// <summary>A transaction name is not <c>[A-Za-z0-9_-]{1,64}</c>.</summary>
    InvalidTransaction,

    /// <summary>A metadata name is not <c>[A-Za-z0-9_-]{1,64}</c>.</summary>
    InvalidMetadataName,

    /// <summary>A key to remove has nothing at or under it: not live (or already removed by the transaction), not pending.</summary>
    NoSuchKey,

    /// <summary>A commit would change keys that a commit awaiting confirmation changed, or ask for a second confirmation.</summary>
    Conflict,

    /// <summary>The commit's own check (<see cref="CommitOptions.Validate"/>) refused live as it would become.</summary>
    Rejected,

    /// <summary>No commit awaits confirmation, or not the one named.</summary>
    NoConfirmation,

    /// <summary>A file in the datastore directory cannot be read as what it should be.</summary>
    Corrupt,

    /// <summary>The directory was written by a newer Hull whose format this one does not know.</summary>
    UnsupportedFormatVersion,
}
