using Grpc.Core;
using Grpc.Net.Client;
using Hull.Containerd.Api.Content;
using Hull.Containerd.Api.Diff;
using Hull.Containerd.Api.Images;
using Hull.Containerd.Api.Leases;
using Hull.Containerd.Api.Snapshots;

using Hull.Cri;

namespace Hull.Containerd;

/// <summary>
/// containerd's own gRPC API (content, images, leases, snapshots, diff) over its Unix socket, for
/// what CRI has no call for. Every call carries the containerd-namespace header (CRI's "k8s.io"
/// by default) and, on a client from <see cref="WithLease"/>, the containerd-lease header; every
/// call has a deadline; every failure is a <see cref="ContainerdException"/> naming the call and
/// its subject. "Not there" answers are null, not errors.
/// </summary>
internal sealed partial class ContainerdClient : IDisposable
{
    // containerd reads these two headers (namespaces/grpc.go, leases/grpc.go in containerd 1.6).
    private const string NamespaceHeader = "containerd-namespace";
    private const string LeaseHeader = "containerd-lease";

    private readonly GrpcChannel? _ownedChannel;
    private readonly Content.ContentClient _content;
    private readonly Images.ImagesClient _images;
    private readonly Leases.LeasesClient _leases;
    private readonly Snapshots.SnapshotsClient _snapshots;
    private readonly Diff.DiffClient _diff;
    private readonly ContainerdClientOptions _options;
    private readonly Metadata _headers;

    /// <summary>A client for the socket and namespace in <paramref name="options"/>; nothing connects until the first call.</summary>
    public ContainerdClient(ContainerdClientOptions options)
    {
        _options = options;
        // The channel is the one CRI uses: HTTP/2 without TLS on a Unix socket.
        _ownedChannel = Cri.CriChannel.ForUnixSocket(options.SocketPath);
        _content = new Content.ContentClient(_ownedChannel);
        _images = new Images.ImagesClient(_ownedChannel);
        _leases = new Leases.LeasesClient(_ownedChannel);
        _snapshots = new Snapshots.SnapshotsClient(_ownedChannel);
        _diff = new Diff.DiffClient(_ownedChannel);
        _headers = new Metadata { { NamespaceHeader, options.Namespace } };
    }

    private ContainerdClient(ContainerdClient parent, string leaseId)
    {
        _options = parent._options;
        _content = parent._content;
        _images = parent._images;
        _leases = parent._leases;
        _snapshots = parent._snapshots;
        _diff = parent._diff;
        _headers = new Metadata { { NamespaceHeader, _options.Namespace }, { LeaseHeader, leaseId } };
        LeaseId = leaseId;
    }

    /// <summary>The namespace every call works in.</summary>
    public string Namespace => _options.Namespace;

    /// <summary>The lease every call is made under, or null.</summary>
    public string? LeaseId { get; }

    /// <summary>
    /// The same connection, with every call made under lease <paramref name="leaseId"/>: what it
    /// writes or prepares is kept from the garbage collector until the lease goes. Disposing the
    /// returned client does nothing; dispose this one.
    /// </summary>
    public ContainerdClient WithLease(string leaseId) => new(this, leaseId);

    public void Dispose() => _ownedChannel?.Dispose();

    private CallOptions Options(TimeSpan timeout, CancellationToken cancellationToken) =>
        // Grpc.Net.Client measures deadlines against its own system clock, so the deadline is
        // taken from the same clock rather than an injected TimeProvider.
        new(_headers, DateTime.UtcNow + timeout, cancellationToken);

    // One unary call with the ordinary deadline; its RpcException becomes a ContainerdException.
    private Task<TResponse> CallAsync<TResponse>(
        string operation, string subject, Func<CallOptions, AsyncUnaryCall<TResponse>> call, CancellationToken cancellationToken) =>
        CallAsync(operation, subject, call, _options.CallTimeout, cancellationToken);

    private async Task<TResponse> CallAsync<TResponse>(
        string operation, string subject, Func<CallOptions, AsyncUnaryCall<TResponse>> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            using var pending = call(Options(timeout, cancellationToken));
            return await pending.ResponseAsync.ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e, operation, subject, timeout, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    // Same, but NotFound is an answer (null), not a failure.
    private async Task<TResponse?> CallOrNullAsync<TResponse>(
        string operation, string subject, Func<CallOptions, AsyncUnaryCall<TResponse>> call, CancellationToken cancellationToken)
        where TResponse : class
    {
        try
        {
            return await CallAsync(operation, subject, call, cancellationToken).ConfigureAwait(false);
        }
        catch (ContainerdException e) when (e.Kind == ContainerdErrorKind.NotFound)
        {
            return null;
        }
    }

    // The ContainerdException for a failed call, or null for the caller's own cancellation.
    private ContainerdException? Translate(Exception e, string operation, string subject, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // With ThrowOperationCanceledOnCancellation, a passed deadline also surfaces as a
            // cancellation; only the caller's own token is a cancellation to the caller.
            return new ContainerdException(ContainerdErrorKind.Timeout, operation, subject, StatusCode.DeadlineExceeded,
                $"{Prefix(operation, subject)}{ContainerdFailure.TimedOut(timeout)} ({StatusCode.DeadlineExceeded})", e);
        }

        if (e is not RpcException rpc)
        {
            return null;
        }

        var (kind, reason) = rpc.StatusCode switch
        {
            StatusCode.Unavailable => (ContainerdErrorKind.Unavailable, ContainerdFailure.NotAnswering(rpc, _options.SocketPath)),
            StatusCode.DeadlineExceeded => (ContainerdErrorKind.Timeout, ContainerdFailure.TimedOut(timeout)),
            StatusCode.NotFound => (ContainerdErrorKind.NotFound, ContainerdFailure.Detail(rpc)),
            StatusCode.AlreadyExists => (ContainerdErrorKind.AlreadyExists, ContainerdFailure.Detail(rpc)),
            StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => (ContainerdErrorKind.Rejected, ContainerdFailure.Detail(rpc)),
            StatusCode.Unimplemented => (ContainerdErrorKind.Failed,
                $"containerd on {_options.SocketPath} does not serve {operation} (is its plugin disabled?): {ContainerdFailure.Detail(rpc)}"),
            _ => (ContainerdErrorKind.Failed, ContainerdFailure.Detail(rpc)),
        };
        return new ContainerdException(kind, operation, subject, rpc.StatusCode, $"{Prefix(operation, subject)}{reason} ({rpc.StatusCode})", rpc);
    }

    private static string Prefix(string operation, string subject) => $"containerd {operation} {subject}: ";

    private static string Blob(string digest) => $"blob {digest}";
}
