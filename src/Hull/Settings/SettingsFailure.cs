namespace Hull.Settings;

/// <summary>Why a settings request was refused; the API maps each to an HTTP status in one switch (SettingsEndpoints).</summary>
internal enum SettingsFailure
{
    /// <summary>The request or the settings it would make are invalid (400).</summary>
    Invalid,

    /// <summary>It would change keys a commit awaiting confirmation holds, or ask for a second confirmation (409).</summary>
    Conflict,

    /// <summary>No commit is awaiting confirmation, or not the one named; or a key to remove is not there (404).</summary>
    NotFound,
}
