namespace Hull.Updates;

/// <summary>Why the updater refused or failed a command; the API maps each to an HTTP status.</summary>
internal enum UpdateErrorKind
{
    /// <summary>The TUF client refused a file (<see cref="UpdateError.TufKind"/> says which attack it stops).</summary>
    Tuf,

    /// <summary>manifest.json is not a valid manifest.</summary>
    Manifest,

    /// <summary>No release is eligible now (the status's not_chosen lines say why).</summary>
    NoUpdate,

    /// <summary>The release is for another variant or architecture than the running image.</summary>
    WrongImage,

    /// <summary>An image is bigger than its partition, or decompresses to more than the manifest lists.</summary>
    TooLarge,

    /// <summary>A decompressed image, or what the partition reads back, differs from the manifest's sha256.</summary>
    HashMismatch,

    /// <summary>A payload is not a valid zstd stream, or decompresses to fewer bytes than the manifest lists.</summary>
    Corrupt,

    /// <summary>The command does not fit the state (activate with nothing staged, rollback with no good entry in the other slot).</summary>
    NotAllowed,

    /// <summary>Another command is running.</summary>
    Busy,

    /// <summary>settings.updates could not be read or is incomplete.</summary>
    Settings,

    /// <summary>The host is missing something an update needs: the slot's partition, the running slot, the ESP.</summary>
    Host,

    /// <summary>Reading or writing a local file or device failed.</summary>
    Io,

    /// <summary>The request on the control socket is malformed.</summary>
    BadRequest,

    /// <summary>The updater could not be reached on its control socket, or gave no answer.</summary>
    Unavailable,
}
