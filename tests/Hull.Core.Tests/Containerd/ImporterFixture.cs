using Hull.Containerd;
using Hull.Cri;
using Hull.Testing.Containerd;

namespace Hull.Core.Tests.Containerd;

/// <summary>
/// One real containerd per test class, empty (no image imported), whose CRI sandbox image is
/// <see cref="TestImages.Pause"/>: the tests import it with the importer before they run a pod.
/// </summary>
public sealed class ImporterFixture : IAsyncLifetime
{
    public ContainerdDaemon Daemon { get; private set; } = null!;

    internal CriClient Cri { get; private set; } = null!;

    internal ContainerdClient Containerd { get; private set; } = null!;

    internal ImageImporter Importer { get; private set; } = null!;

    /// <summary>The snapshotter the daemon's CRI uses (overlayfs, or native on an overlay root).</summary>
    public string Snapshotter => Daemon.Layout.Snapshotter;

    public async ValueTask InitializeAsync()
    {
        Daemon = ContainerdDaemon.Start();
        Cri = new CriClient(CriClientOptions.For(Daemon.SocketPath));
        Containerd = new ContainerdClient(ContainerdClientOptions.For(Daemon.SocketPath));
        Importer = new ImageImporter(Containerd, ImageImporterOptions.For(Snapshotter), TimeProvider.System);
        // The CRI plugin finishes starting just after containerd says it booted.
        await EventuallyAsync(async () => await Cri.VersionAsync(CancellationToken.None), "CRI Version");
    }

    /// <summary>
    /// CRI's image status of <paramref name="name"/> once CRI has it: CRI learns of images from
    /// containerd's events, a moment after the import returned.
    /// </summary>
    internal Task<Hull.Cri.V1.Image> CriImageAsync(string name) =>
        EventuallyAsync(async () => await Cri.ImageStatusAsync(name, CancellationToken.None) ?? throw new ShouldAssertException($"CRI does not list {name} (yet)"), $"ImageStatus {name}");

    /// <summary>Runs <paramref name="call"/> until it stops throwing, for up to 10 s.</summary>
    public Task EventuallyAsync(Func<Task> call, string what) => EventuallyAsync(async () =>
    {
        await call();
        return true;
    }, what);

    /// <summary>Runs <paramref name="call"/> until it stops throwing, for up to 10 s; returns its answer.</summary>
    public async Task<T> EventuallyAsync<T>(Func<Task<T>> call, string what)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
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
        Containerd?.Dispose();
        Cri?.Dispose();
        Daemon?.Dispose();
        return ValueTask.CompletedTask;
    }
}
