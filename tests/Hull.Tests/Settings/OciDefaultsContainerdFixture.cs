using System.Text.Json.Nodes;
using Hull.Cri;
using Hull.Settings;
using Hull.Testing.Containerd;
using Hull.Workloads;

namespace Hull.Tests.Settings;

/// <summary>
/// A real containerd with three CRI runtime handlers: runc as containerd has it (no base spec), <see cref="Defaults"/>
/// from the base spec default settings render, and the workloads' handler from a spec rendered from <see cref="Configured"/>.
/// The busybox images are imported.
/// </summary>
public sealed class OciDefaultsContainerdFixture : IAsyncLifetime
{
    /// <summary>The handler whose base spec is rendered from no settings.</summary>
    public const string Defaults = "defaults";

    /// <summary>The oci-defaults of the workloads' handler: net-raw out, sys-ptrace in, open files and core size limited.</summary>
    public const string Configured = """
        {
          "oci-defaults": {
            "capabilities": { "net-raw": false, "sys-ptrace": true, "chown": true },
            "resource-limits": {
              "max-open-files": { "soft-limit": 1000, "hard-limit": 2000 },
              "max-core-file-size": { "soft-limit": 4096, "hard-limit": "unlimited" },
              "max-processes": { "hard-limit": 500 }
            }
          }
        }
        """;

    private readonly TempDirectory _temp = new();

    public ContainerdDaemon Daemon { get; private set; } = null!;

    internal CriClient Cri { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var defaults = _temp.Write("defaults.json", OciDefaults.Render([]));
        var configured = _temp.Write("configured.json", OciDefaults.Render(JsonNode.Parse(Configured)!.AsObject()));
        Daemon = ContainerdDaemon.Start(baseRuntimeSpecs: new Dictionary<string, string>
        {
            [Defaults] = defaults,
            [CriWorkloadRuntime.RuntimeHandler] = configured,
        });
        Cri = new CriClient(CriClientOptions.For(Daemon.SocketPath));

        // The CRI plugin finishes starting just after containerd says it booted, and learns of imported images from events.
        await RetryAsync(() => Cri.VersionAsync(CancellationToken.None));
        await Daemon.ImportAsync(TestImages.WriteArchive(_temp.File("images.tar")));
        await RetryAsync(async () => (await Cri.ImageStatusAsync(TestImages.Shell, CancellationToken.None)).ShouldNotBeNull());
    }

    private async Task RetryAsync(Func<Task> call)
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
        }
    }

    public ValueTask DisposeAsync()
    {
        Cri?.Dispose();
        Daemon?.Dispose();
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}
