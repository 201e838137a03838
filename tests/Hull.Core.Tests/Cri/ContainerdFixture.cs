using Hull.Cri;
using Hull.Testing.Containerd;

namespace Hull.Core.Tests.Cri;

/// <summary>One real containerd per test class, with a CRI client that has seen it answer.</summary>
public class ContainerdFixture : IAsyncLifetime
{
    /// <summary>Import the pause and busybox images (the pod tests need them; the empty-runtime tests must not have them).</summary>
    protected virtual bool WithImages => false;

    public ContainerdDaemon Daemon { get; private set; } = null!;

    internal CriClient Cri { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Daemon = ContainerdDaemon.Start();
        Cri = new CriClient(CriClientOptions.For(Daemon.SocketPath));
        // The CRI plugin finishes starting just after containerd says it booted; until then it
        // answers "server is not initialized yet".
        await RetryAsync(() => Cri.VersionAsync(CancellationToken.None), "CRI Version");
        if (WithImages)
        {
            using var temp = new TempDirectory();
            await Daemon.ImportAsync(TestImages.WriteArchive(temp.File("images.tar")));
            // The CRI plugin learns of imported images from containerd's events: wait for it.
            await RetryAsync(async () => (await Cri.ImageStatusAsync(TestImages.Shell, CancellationToken.None)).ShouldNotBeNull(), "ImageStatus");
        }
    }

    private async Task RetryAsync(Func<Task> call, string what)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (Exception e) when (attempt < 100 && e is CriException or ShouldAssertException)
            {
                await Task.Delay(100);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{what} never succeeded against the test containerd:\n{Daemon.Log}", e);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Cri?.Dispose();
        Daemon?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
