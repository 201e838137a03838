namespace Hull.Containerd;

/// <summary>Why a call to containerd's own API failed, from its gRPC status.</summary>
internal enum ContainerdErrorKind
{
    /// <summary>Nothing answers on the socket (containerd not running, or the socket is stale).</summary>
    Unavailable,

    /// <summary>The blob, image, snapshot or lease does not exist.</summary>
    NotFound,

    /// <summary>It exists already (a blob, an image name, a snapshot name, a lease id).</summary>
    AlreadyExists,

    /// <summary>The request was refused as it stands: a bad argument, a wrong state, a digest or size that does not match.</summary>
    Rejected,

    /// <summary>No answer before the call's deadline.</summary>
    Timeout,

    /// <summary>containerd tried and failed (the snapshotter, the differ, the disk ...).</summary>
    Failed,
}
