namespace Hull.Settings;

/// <summary>Everything that can be wrong with a settings patch or with user data.</summary>
internal enum SettingsErrorKind
{
    /// <summary>The key is not part of the schema (a typo, or a setting Hull does not support yet).</summary>
    UnknownKey,

    /// <summary>The name of a map entry (a sysctl, a host container, a module…) breaks the rule for such names.</summary>
    InvalidName,

    /// <summary>The JSON (or TOML) type is not the one the key takes: a number where a string belongs.</summary>
    WrongType,

    /// <summary>The type is right but the value breaks the key's rule: a hostname with a space, a port of 0.</summary>
    InvalidValue,

    /// <summary>User data could not be read at all: TOML syntax, bad gzip, not UTF-8.</summary>
    Syntax,
}
