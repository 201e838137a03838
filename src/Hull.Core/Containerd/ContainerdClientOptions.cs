namespace Hull.Containerd;

/// <summary>Where containerd listens, which namespace every call works in, and how long calls may take.</summary>
/// <param name="SocketPath">containerd's gRPC socket, e.g. /run/containerd/containerd.sock.</param>
/// <param name="Namespace">The containerd namespace of every call (sent as the containerd-namespace header).</param>
/// <param name="CallTimeout">Deadline of an ordinary call.</param>
/// <param name="TransferTimeout">Deadline of a call that moves a whole blob: a content write, a layer apply.</param>
internal sealed record ContainerdClientOptions(string SocketPath, string Namespace, TimeSpan CallTimeout, TimeSpan TransferTimeout)
{
    /// <summary>The namespace containerd's CRI plugin keeps its images, containers and snapshots in.</summary>
    public const string CriNamespace = "k8s.io";

    /// <summary>Options for <paramref name="socketPath"/> in CRI's namespace, with a 2 minute call and a 15 minute transfer deadline.</summary>
    public static ContainerdClientOptions For(string socketPath = Cri.CriClientOptions.DefaultSocketPath) =>
        new(socketPath, CriNamespace, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(15));
}
