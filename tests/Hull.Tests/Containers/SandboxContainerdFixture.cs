using Hull.Containerd;
using Hull.Cri;
using Hull.Init;
using Hull.Testing.Containerd;

namespace Hull.Tests.Containers;

/// <summary>A real containerd configured like the host's: its CRI sandbox_image is <see cref="EtcFiles.SandboxImage"/>, which nothing has imported yet.</summary>
public sealed class SandboxContainerdFixture : IAsyncLifetime
{
    public ContainerdDaemon Daemon { get; private set; } = null!;

    internal CriClient Cri { get; private set; } = null!;

    internal ContainerdClient Containerd { get; private set; } = null!;

    internal ImageImporter Importer { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Daemon = ContainerdDaemon.Start(sandboxImage: EtcFiles.SandboxImage);
        Cri = new CriClient(CriClientOptions.For(Daemon.SocketPath));
        Containerd = new ContainerdClient(ContainerdClientOptions.For(Daemon.SocketPath));
        Importer = new ImageImporter(Containerd, ImageImporterOptions.For(Daemon.Layout.Snapshotter), TimeProvider.System);
        // The CRI plugin finishes starting just after containerd says it booted.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await Cri.VersionAsync(CancellationToken.None);
                return;
            }
            catch (CriException) when (attempt < 100)
            {
                await Task.Delay(100);
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
