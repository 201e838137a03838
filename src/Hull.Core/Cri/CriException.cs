using Grpc.Core;

namespace Hull.Cri;

/// <summary>A CRI call failed; the message names the operation, the pod, container or image, and containerd's reason.</summary>
internal sealed class CriException(CriErrorKind kind, string operation, string subject, StatusCode status, string message, Exception? inner)
    : Exception(message, inner)
{
    /// <summary>What kind of failure this is.</summary>
    public CriErrorKind Kind { get; } = kind;

    /// <summary>The CRI method, e.g. "RunPodSandbox".</summary>
    public string Operation { get; } = operation;

    /// <summary>What it was about, e.g. "pod default/web" or "image docker.io/library/nginx:1".</summary>
    public string Subject { get; } = subject;

    /// <summary>The gRPC status containerd gave.</summary>
    public StatusCode Status { get; } = status;
}
