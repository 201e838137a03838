namespace Hull.Datastore;

/// <summary>Names of pending transactions: <c>[A-Za-z0-9_-]{1,64}</c>, so a name is always a safe file-name part.</summary>
internal static class TransactionName
{
    /// <summary>The transaction the API uses when a request names none.</summary>
    public const string Default = "default";

    /// <summary>The longest name accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>Null when <paramref name="name"/> is a valid transaction name, else why not.</summary>
    public static DatastoreError? Validate(string name) =>
        IsValid(name) ? null : new DatastoreError(DatastoreErrorKind.InvalidTransaction, name,
            $"invalid transaction name '{name}': names are 1 to {MaxLength} characters of [A-Za-z0-9_-]");

    /// <summary>True when <paramref name="name"/> is 1 to 64 characters of <c>[A-Za-z0-9_-]</c>.</summary>
    public static bool IsValid(ReadOnlySpan<char> name) => name.Length <= MaxLength && DatastoreKey.IsBare(name);
}
