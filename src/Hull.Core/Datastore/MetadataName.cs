namespace Hull.Datastore;

/// <summary>Names of metadata kept beside a setting (e.g. <c>generated</c>): the same rule as transaction names.</summary>
internal static class MetadataName
{
    /// <summary>Null when <paramref name="name"/> is a valid metadata name, else why not.</summary>
    public static DatastoreError? Validate(string name) =>
        TransactionName.IsValid(name) ? null : new DatastoreError(DatastoreErrorKind.InvalidMetadataName, name,
            $"invalid metadata name '{name}': names are 1 to {TransactionName.MaxLength} characters of [A-Za-z0-9_-]");
}
