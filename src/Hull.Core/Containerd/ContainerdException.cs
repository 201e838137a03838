using Grpc.Core;

namespace Hull.Containerd;

/// <summary>A call to containerd's own API failed; the message names the call, its subject and containerd's reason.</summary>
internal sealed class ContainerdException(ContainerdErrorKind kind, string operation, string subject, StatusCode status, string message, Exception? inner)
    : Exception(message, inner)
{
    /// <summary>What kind of failure this is.</summary>
    public ContainerdErrorKind Kind { get; } = kind;

    /// <summary>The service and method, e.g. "Snapshots.Prepare".</summary>
    public string Operation { get; } = operation;

    /// <summary>What it was about, e.g. "blob sha256:…" or "snapshot extract-… sha256:…".</summary>
    public string Subject { get; } = subject;

    /// <summary>The gRPC status containerd gave.</summary>
    public StatusCode Status { get; } = status;
}
