namespace Hull.Updates;

/// <summary>
/// One change to the datastore's live settings: <c>rename</c> (<paramref name="Key"/> to <paramref name="To"/>),
/// <c>remove</c> (<paramref name="Key"/>), or <c>set</c> (<paramref name="Key"/> to <paramref name="Value"/>, a JSON
/// value as text, only when the key is unset). Keys are full dotted names (<c>settings.motd</c>). <paramref name="To"/> and
/// <paramref name="Value"/> default to null so a step written without them (nulls are not written) reads back.
/// </summary>
public sealed record MigrationStep(string Op, string Key, string? To = null, string? Value = null);
