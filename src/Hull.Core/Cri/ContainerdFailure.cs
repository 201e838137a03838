using Grpc.Core;

namespace Hull.Cri;

/// <summary>The words both gRPC clients of containerd (CRI and containerd's own API) use for a failed call.</summary>
internal static class ContainerdFailure
{
    /// <summary>A deadline that passed.</summary>
    public static string TimedOut(TimeSpan timeout) => $"no answer from containerd within {timeout.TotalSeconds:0.#} s";

    /// <summary>containerd's own words when it sent some; otherwise what failed on our side.</summary>
    public static string Detail(RpcException e) =>
        string.IsNullOrEmpty(e.Status.Detail) && e.Status.DebugException is { } inner ? Innermost(inner).Message : e.Status.Detail;

    /// <summary>
    /// A connect that failed. .NET reports a missing socket file as "Cannot assign requested address
    /// (localhost:80)", which names neither the file nor the cause, so say it ourselves.
    /// </summary>
    public static string NotAnswering(RpcException e, string socketPath) =>
        File.Exists(socketPath)
            ? $"containerd is not answering on {socketPath}: {(e.Status.DebugException is { } inner ? Innermost(inner).Message : e.Status.Detail)}"
            : $"there is no containerd socket at {socketPath} (is containerd running?)";

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}
