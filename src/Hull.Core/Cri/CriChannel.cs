using Grpc.Net.Client;

namespace Hull.Cri;

/// <summary>A gRPC channel to containerd over its Unix socket: HTTP/2 without TLS, as containerd serves it.</summary>
internal static class CriChannel
{
    // ListImages and ListContainers on a busy host pass gRPC's default 4 MiB answer limit long
    // before anything is wrong; containerd itself accepts 16 MiB.
    private const int MaxMessageBytes = 16 * 1024 * 1024;

    /// <summary>A channel whose every connection is a new connect(2) to <paramref name="socketPath"/>.</summary>
    public static GrpcChannel ForUnixSocket(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = Platform.UnixSocketConnector.To(socketPath),
            // No keep-alive pings: containerd's gRPC server answers idle pings more often than
            // every 5 minutes with GOAWAY "too_many_pings"; a dead socket fails the next call anyway.
        };

        // The host part is only the :authority header; the socket decides where we connect.
        return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = MaxMessageBytes,
            MaxSendMessageSize = MaxMessageBytes,
            ThrowOperationCanceledOnCancellation = true,
        });
    }
}
