namespace Hull.Datastore;

/// <summary>One key a confirmed commit changed: its live value before (null: it did not exist) and after (null: the commit removed it).</summary>
internal sealed record ConfirmationChange(string Key, string? Before, string? After);
