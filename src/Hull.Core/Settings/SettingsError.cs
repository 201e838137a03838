namespace Hull.Settings;

/// <summary>One thing wrong with settings, as a value: what kind, at which dotted key, and a message naming the key and the rule.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Key">The dotted datastore key at fault (<c>settings.network.hostname</c>); empty for a file-level syntax error.</param>
/// <param name="Message">One line that starts with the key (or the source) and says which rule was broken.</param>
internal readonly record struct SettingsError(SettingsErrorKind Kind, string Key, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Message;
}
