namespace Hull.Tuf;

/// <summary>Why a TUF client refused an update; each names the attack (spec "Goals to protect against specific attacks") it stops.</summary>
public enum TufErrorKind
{
    /// <summary>The client's metadata directory holds no root.json to start from, or it does not verify.</summary>
    NoTrustedRoot,

    /// <summary>A file the workflow needs could not be fetched (missing, or the transport failed).</summary>
    DownloadFailed,

    /// <summary>A file is longer than its listed length or the client's limit (endless data).</summary>
    TooLarge,

    /// <summary>A file is shorter than its listed length (or, for metadata, longer).</summary>
    LengthMismatch,

    /// <summary>Not a metadata file of the expected role: bad JSON, no canonical form, missing fields, wrong "_type", a keyid that is not its key's hash.</summary>
    Malformed,

    /// <summary>"spec_version" is not a 1.x version.</summary>
    UnsupportedSpecVersion,

    /// <summary>Fewer distinct keys of the role signed than its threshold (arbitrary software, key compromise below threshold).</summary>
    ThresholdNotMet,

    /// <summary>A version is older than the trusted one, or a root is not exactly the next version (rollback).</summary>
    Rollback,

    /// <summary>A metadata file's version differs from the one its referrer lists (mix-and-match).</summary>
    VersionMismatch,

    /// <summary>A file's hash differs from the one its referrer lists (mix-and-match, arbitrary software, malicious mirror).</summary>
    HashMismatch,

    /// <summary>Metadata expired before the update began (indefinite freeze).</summary>
    Expired,

    /// <summary>The trusted targets metadata does not list the requested target (extraneous dependencies).</summary>
    TargetNotFound,
}
