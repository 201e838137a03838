namespace Hull.Settings;

/// <summary>A settings request's value, or why it was refused (each message names the key or transaction and the rule).</summary>
internal readonly record struct SettingsOutcome<T>(T? Value, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static SettingsOutcome<T> Ok(T value) => new(value, []);

    public static SettingsOutcome<T> Refused(string error) => new(default, [error]);

    public static SettingsOutcome<T> Refused(IReadOnlyList<string> errors) => new(default, errors);

    public static implicit operator SettingsOutcome<T>(T value) => Ok(value);
}
