namespace Hull.Datastore;

/// <summary>The names of the files in a datastore directory (README.md: "On disk").</summary>
internal static class DatastoreFiles
{
    /// <summary>The format version, an integer and a newline; written last when a directory is initialised.</summary>
    public const string FormatVersion = "format-version";

    /// <summary>The live settings: one JSON object, canonical key → value.</summary>
    public const string Live = "live.json";

    /// <summary>Metadata: one JSON object, canonical key → { metadata name → value }.</summary>
    public const string Metadata = "metadata.json";

    /// <summary>The commit awaiting confirmation, when there is one (as of the last checkpoint).</summary>
    public const string Confirmation = "confirmation.json";

    /// <summary>The writes since the last checkpoint, appended in batches (<see cref="Datastore.Journal"/>).</summary>
    public const string Journal = "journal";

    /// <summary>The suffix of a file being written; a leftover one is a write a crash interrupted.</summary>
    public const string TempSuffix = ".tmp";

    private const string PendingPrefix = "pending.";
    private const string RemovalsPrefix = "removals.";
    private const string JsonSuffix = ".json";

    /// <summary>The file holding transaction <paramref name="transaction"/>'s values (a valid name, so a safe file name); it exists while the transaction does.</summary>
    public static string Pending(string transaction) => PendingPrefix + transaction + JsonSuffix;

    /// <summary>The file holding the keys transaction <paramref name="transaction"/> removes; it exists only while there are some.</summary>
    public static string Removals(string transaction) => RemovalsPrefix + transaction + JsonSuffix;

    /// <summary>The file a write of <paramref name="name"/> goes to before it is renamed over it.</summary>
    public static string Temp(string name) => name + TempSuffix;

    /// <summary>True for a leftover temporary file.</summary>
    public static bool IsTemp(string name) => name.EndsWith(TempSuffix, StringComparison.Ordinal);

    /// <summary>The transaction name when <paramref name="name"/> is a pending-transaction file.</summary>
    public static bool TryParsePending(string name, out string transaction) => TryParse(name, PendingPrefix, out transaction);

    /// <summary>The transaction name when <paramref name="name"/> is a transaction's removals file.</summary>
    public static bool TryParseRemovals(string name, out string transaction) => TryParse(name, RemovalsPrefix, out transaction);

    private static bool TryParse(string name, string prefix, out string transaction)
    {
        transaction = "";
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(JsonSuffix, StringComparison.Ordinal))
        {
            return false;
        }

        var middle = name.AsSpan(prefix.Length, Math.Max(0, name.Length - prefix.Length - JsonSuffix.Length));
        if (!TransactionName.IsValid(middle))
        {
            return false;
        }

        transaction = middle.ToString();
        return true;
    }
}
