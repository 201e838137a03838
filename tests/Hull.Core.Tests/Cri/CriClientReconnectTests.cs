using Hull.Cri;
using Hull.Testing.Containerd;

namespace Hull.Core.Tests.Cri;

/// <summary>
/// A settings change restarts containerd under a running workloads service; its one CRI client must carry on
/// once containerd is back, without a restart of its own.
/// </summary>
public sealed class CriClientReconnectTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VersionAsync_ContainerdRestarted_SameClientAnswersAgain()
    {
        using var containerd = ContainerdDaemon.Start();
        using var cri = new CriClient(CriClientOptions.For(containerd.SocketPath));
        (await cri.VersionAsync(Ct)).RuntimeName.ShouldBe("containerd");

        containerd.Stop();
        var down = await Should.ThrowAsync<CriException>(() => cri.VersionAsync(Ct));
        down.Kind.ShouldBe(CriErrorKind.Unavailable, down.Message);

        containerd.StartAgain();
        (await cri.VersionAsync(Ct)).RuntimeName.ShouldBe("containerd", containerd.Log);
        (await cri.ListPodSandboxAsync(null, Ct)).ShouldBeEmpty();
    }
}
