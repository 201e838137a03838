using Grpc.Core;
using Grpc.Net.Client;
using Hull.Cri.V1;

namespace Hull.Cri;

/// <summary>
/// containerd's CRI (runtime.v1 RuntimeService and ImageService) over its Unix socket. Every call
/// has a deadline and honours cancellation (an <see cref="OperationCanceledException"/>); every
/// failure is a <see cref="CriException"/> naming the operation and the pod, container or image.
/// </summary>
internal sealed partial class CriClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly RuntimeService.RuntimeServiceClient _runtime;
    private readonly ImageService.ImageServiceClient _images;
    private readonly CriClientOptions _options;

    /// <summary>A client for the socket in <paramref name="options"/>; nothing connects until the first call.</summary>
    public CriClient(CriClientOptions options)
    {
        _options = options;
        _channel = CriChannel.ForUnixSocket(options.SocketPath);
        _runtime = new RuntimeService.RuntimeServiceClient(_channel);
        _images = new ImageService.ImageServiceClient(_channel);
    }

    /// <summary>The CRI version this client speaks, sent in <see cref="VersionAsync"/>.</summary>
    public const string ApiVersion = "v1";

    /// <summary>The runtime's name and versions; the cheapest call that proves CRI is served.</summary>
    public Task<VersionResponse> VersionAsync(CancellationToken cancellationToken) =>
        CallAsync("Version", "", o => _runtime.VersionAsync(new VersionRequest { Version = ApiVersion }, o), _options.CallTimeout, cancellationToken);

    public void Dispose() => _channel.Dispose();

    // Runs one unary call with a deadline and turns its RpcException into a CriException.
    private async Task<TResponse> CallAsync<TResponse>(
        string operation, string subject, Func<CallOptions, AsyncUnaryCall<TResponse>> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Grpc.Net.Client measures deadlines against its own system clock, so the deadline is
        // taken from the same clock rather than an injected TimeProvider.
        var options = new CallOptions(deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken);
        try
        {
            using var pending = call(options);
            return await pending.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Translate(e, operation, subject, timeout);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // With ThrowOperationCanceledOnCancellation, a passed deadline also surfaces as a
            // cancellation; only the caller's own token is a cancellation to the caller.
            throw new CriException(CriErrorKind.Timeout, operation, subject, StatusCode.DeadlineExceeded,
                $"{Prefix(operation, subject)}{ContainerdFailure.TimedOut(timeout)} ({StatusCode.DeadlineExceeded})", e);
        }
    }

    // Same as CallAsync, but NotFound is an answer (null), not a failure.
    private async Task<TResponse?> CallOrNullAsync<TResponse>(
        string operation, string subject, Func<CallOptions, AsyncUnaryCall<TResponse>> call, CancellationToken cancellationToken)
        where TResponse : class
    {
        try
        {
            return await CallAsync(operation, subject, call, _options.CallTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (CriException e) when (e.Kind == CriErrorKind.NotFound)
        {
            return null;
        }
    }

    private CriException Translate(RpcException e, string operation, string subject, TimeSpan timeout)
    {
        var (kind, reason) = e.StatusCode switch
        {
            StatusCode.Unavailable => (CriErrorKind.Unavailable, ContainerdFailure.NotAnswering(e, _options.SocketPath)),
            StatusCode.Unimplemented => (CriErrorKind.Unsupported,
                $"containerd on {_options.SocketPath} does not serve CRI runtime.v1 (is the io.containerd.grpc.v1.cri plugin loaded?): {ContainerdFailure.Detail(e)}"),
            StatusCode.DeadlineExceeded => (CriErrorKind.Timeout, ContainerdFailure.TimedOut(timeout)),
            StatusCode.NotFound => (CriErrorKind.NotFound, ContainerdFailure.Detail(e)),
            StatusCode.InvalidArgument or StatusCode.AlreadyExists or StatusCode.FailedPrecondition or StatusCode.OutOfRange =>
                (CriErrorKind.Rejected, ContainerdFailure.Detail(e)),
            _ => (CriErrorKind.Failed, ContainerdFailure.Detail(e)),
        };
        return new CriException(kind, operation, subject, e.StatusCode, $"{Prefix(operation, subject)}{reason} ({e.StatusCode})", e);
    }

    private static string Prefix(string operation, string subject) =>
        subject.Length == 0 ? $"CRI {operation}: " : $"CRI {operation} {subject}: ";

    private static string Pod(string id) => $"pod sandbox {id}";

    private static string Pod(PodSandboxConfig config) =>
        config.Metadata is { } m ? $"pod {m.Namespace}/{m.Name} (attempt {m.Attempt})" : "pod (no metadata)";

    private static string Container(string id) => $"container {id}";

    private static string Image(string reference) => $"image {reference}";
}
