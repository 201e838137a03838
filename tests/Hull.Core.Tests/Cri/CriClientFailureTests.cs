using System.Net.Sockets;
using Hull.Cri;
using Hull.Testing.Containerd;

namespace Hull.Core.Tests.Cri;

/// <summary>What the client says when there is no containerd, no CRI plugin, or no answer.</summary>
public sealed class CriClientFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VersionAsync_NoSocket_UnavailableNamingTheSocket()
    {
        using var temp = new TempDirectory();
        var socket = temp.File("containerd.sock");
        using var cri = new CriClient(CriClientOptions.For(socket));

        var error = await Should.ThrowAsync<CriException>(() => cri.VersionAsync(Ct));

        error.Kind.ShouldBe(CriErrorKind.Unavailable);
        error.Message.ShouldBe($"CRI Version: there is no containerd socket at {socket} (is containerd running?) (Unavailable)");
    }

    [Fact]
    public async Task ListImagesAsync_StaleSocketNobodyListens_UnavailableNamingTheSocket()
    {
        using var temp = new TempDirectory();
        var socket = temp.File("stale.sock");
        // What a killed containerd leaves: the socket file, nobody behind it. .NET unlinks the
        // path it bound on dispose, so the file is moved out of its way first.
        using (Listen(temp.File("bound.sock")))
        {
            File.Move(temp.File("bound.sock"), socket);
        }

        using var cri = new CriClient(CriClientOptions.For(socket));

        var error = await Should.ThrowAsync<CriException>(() => cri.ListImagesAsync(Ct));

        error.Kind.ShouldBe(CriErrorKind.Unavailable);
        error.Message.ShouldStartWith($"CRI ListImages images: containerd is not answering on {socket}: ");
        error.Message.ShouldContain("Connection refused");
    }

    [Fact]
    public async Task VersionAsync_ContainerdWithoutCri_UnsupportedNamingThePlugin()
    {
        using var containerd = ContainerdDaemon.Start(withCri: false);
        using var cri = new CriClient(CriClientOptions.For(containerd.SocketPath));

        var error = await Should.ThrowAsync<CriException>(() => cri.VersionAsync(Ct));

        error.Kind.ShouldBe(CriErrorKind.Unsupported, error.Message);
        error.Message.ShouldContain("io.containerd.grpc.v1.cri");
        error.Message.ShouldContain("runtime.v1.RuntimeService");
    }

    [Fact]
    public async Task ImageStatusAsync_ServerNeverAnswers_TimeoutNamingTheImage()
    {
        using var temp = new TempDirectory();
        using var silent = Listen(temp.File("silent.sock"));
        using var cri = new CriClient(CriClientOptions.For(temp.File("silent.sock")) with { CallTimeout = TimeSpan.FromMilliseconds(500) });

        var error = await Should.ThrowAsync<CriException>(() => cri.ImageStatusAsync("hull.test/app:1", Ct));

        error.Kind.ShouldBe(CriErrorKind.Timeout);
        error.Message.ShouldStartWith("CRI ImageStatus image hull.test/app:1: no answer from containerd within 0.5 s");
    }

    [Fact]
    public async Task ListImagesAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var temp = new TempDirectory();
        using var silent = Listen(temp.File("silent.sock"));
        using var cri = new CriClient(CriClientOptions.For(temp.File("silent.sock")));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(() => cri.ListImagesAsync(cancel.Token));
    }

    // A socket that takes connections (the kernel's backlog does) but never says a word.
    private static Socket Listen(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen(16);
        return socket;
    }
}
