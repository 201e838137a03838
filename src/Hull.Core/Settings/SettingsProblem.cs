namespace Hull.Settings;

/// <summary>What a value rule found wrong, before the validator adds the key to make it a <see cref="SettingsError"/>.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Detail">The rest of the message, after "key: ".</param>
internal readonly record struct SettingsProblem(SettingsErrorKind Kind, string Detail);
