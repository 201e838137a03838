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

    /// <summary>A file in the datastore directory cannot be read as what it should be.</summary>
    Corrupt,

    /// <summary>The directory was written by a newer Hull whose format this one does not know.</summary>
    UnsupportedFormatVersion,
}
