namespace Hull.Cri;

/// <summary>Why a CRI call failed, from its gRPC status.</summary>
internal enum CriErrorKind
{
    /// <summary>Nothing answers on the socket (containerd not running, or the socket is stale).</summary>
    Unavailable,

    /// <summary>containerd answers but does not serve runtime.v1 (the CRI plugin is disabled or failed to load).</summary>
    Unsupported,

    /// <summary>The pod, container or image does not exist.</summary>
    NotFound,

    /// <summary>The request was refused as it stands: a bad argument, a name already used, a wrong state.</summary>
    Rejected,

    /// <summary>No answer before the call's deadline.</summary>
    Timeout,

    /// <summary>The runtime tried and failed (runc, the snapshotter, the registry ...).</summary>
    Failed,
}
