namespace Hull.Containerd;

/// <summary>How a content write ended; a mismatch commits nothing.</summary>
internal enum ContentWriteOutcome
{
    /// <summary>The bytes were written and committed under the expected digest.</summary>
    Written,

    /// <summary>containerd has the blob already; nothing was sent (the blob joins the lease, if any).</summary>
    AlreadyExists,

    /// <summary>The bytes did not hash to the expected digest or were not the expected size; the write was aborted.</summary>
    Mismatch,
}

/// <summary>The outcome of <see cref="ContainerdClient.WriteContentAsync"/>, with what the bytes sent really were.</summary>
/// <param name="Outcome">Written, already there, or refused.</param>
/// <param name="Digest">The digest of the bytes read ("sha256:..."); the expected one when nothing was read.</param>
/// <param name="Size">How many bytes were read; the expected size when nothing was read.</param>
internal readonly record struct ContentWriteResult(ContentWriteOutcome Outcome, string Digest, long Size);
