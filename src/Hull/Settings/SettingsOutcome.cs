namespace Hull.Settings;

/// <summary>A settings request's value, or why it was refused (each message names the key or transaction and the rule).</summary>
internal readonly record struct SettingsOutcome<T>(T? Value, IReadOnlyList<string> Errors, SettingsFailure Failure = SettingsFailure.Invalid)
{
    public bool Succeeded => Errors.Count == 0;

    public static SettingsOutcome<T> Ok(T value) => new(value, []);

    public static SettingsOutcome<T> Refused(string error, SettingsFailure failure = SettingsFailure.Invalid) => new(default, [error], failure);

    public static SettingsOutcome<T> Refused(IReadOnlyList<string> errors) => new(default, errors);

    /// <summary>The datastore's refusal, with its kind carried over.</summary>
    public static SettingsOutcome<T> Refused(Datastore.DatastoreError error) => Refused(error.Message, error.Kind switch
    {
        Datastore.DatastoreErrorKind.Conflict => SettingsFailure.Conflict,
        Datastore.DatastoreErrorKind.NoConfirmation or Datastore.DatastoreErrorKind.NoSuchKey => SettingsFailure.NotFound,
        _ => SettingsFailure.Invalid,
    });

    public static implicit operator SettingsOutcome<T>(T value) => Ok(value);
}
