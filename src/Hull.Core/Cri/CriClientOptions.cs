namespace Hull.Cri;

/// <summary>Where containerd listens and how long a call may take before it is given up.</summary>
/// <param name="SocketPath">containerd's gRPC socket, e.g. /run/containerd/containerd.sock.</param>
/// <param name="CallTimeout">Deadline of an ordinary call; stop and exec add their own timeout on top.</param>
/// <param name="PullTimeout">Deadline of a pull, which downloads and unpacks every layer.</param>
internal sealed record CriClientOptions(string SocketPath, TimeSpan CallTimeout, TimeSpan PullTimeout)
{
    /// <summary>containerd's own socket path.</summary>
    public const string DefaultSocketPath = "/run/containerd/containerd.sock";

    /// <summary>Options for <paramref name="socketPath"/> with a 2 minute call and a 15 minute pull deadline.</summary>
    public static CriClientOptions For(string socketPath = DefaultSocketPath) =>
        new(socketPath, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(15));
}
