namespace Hull.Tuf;

/// <summary>A parsed metadata file whose signatures are not yet counted.</summary>
/// <param name="File">The name it was fetched or stored under, for errors.</param>
/// <param name="Signed">The role object.</param>
/// <param name="Signatures">The signatures as listed.</param>
/// <param name="SignedBytes">The canonical JSON of "signed" as it appeared in the file: what the signatures cover.</param>
/// <param name="FileBytes">The whole file, as persisted and hashed.</param>
internal sealed record TufMetadata<T>(string File, T Signed, IReadOnlyList<TufSignature> Signatures, byte[] SignedBytes, byte[] FileBytes)
    where T : ITufSigned;
