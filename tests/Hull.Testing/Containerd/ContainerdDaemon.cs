using System.Diagnostics;
using Hull.Containerd;

namespace Hull.Testing.Containerd;

/// <summary>
/// A real containerd (the image's own, <see cref="LockedContainerStack"/>, run as root) for the tests, with everything of its own in a
/// temporary folder: root, state, socket, config.toml, CNI folders. Its CRI plugin serves
/// runtime.v1 on the same socket. Dispose stops it, kills what its shims still run, unmounts
/// and deletes the folder.
/// </summary>
public sealed class ContainerdDaemon : IDisposable
{
    private Process _process;

    private ContainerdDaemon(Process process, ContainerdLayout layout)
    {
        _process = process;
        Layout = layout;
    }

    /// <summary>Where this daemon keeps everything.</summary>
    public ContainerdLayout Layout { get; }

    /// <summary>The gRPC socket (containerd API and CRI).</summary>
    public string SocketPath => Layout.Socket;

    /// <summary>containerd's log so far: include it in assertion messages.</summary>
    public string Log => File.Exists(Layout.LogFile) ? File.ReadAllText(Layout.LogFile) : "";

    /// <summary>Starts containerd and waits until it says it has booted.</summary>
    /// <param name="sandboxImage">The CRI plugin's pause image; it must be imported before a pod runs.</param>
    /// <param name="withCri">False disables the CRI plugin (to see how a client copes).</param>
    /// <param name="baseRuntimeSpecs">Extra CRI runtime handlers, each runc from the base OCI spec file given (read when containerd starts).</param>
    public static ContainerdDaemon Start(string sandboxImage = TestImages.Pause, bool withCri = true, IReadOnlyDictionary<string, string>? baseRuntimeSpecs = null)
    {
        File.Exists(Path.Combine(LockedContainerStack.ContainerdBin, "containerd")).ShouldBeTrue("containerd is missing: run ./hull fetch containerd runc");
        Environment.UserName.ShouldBe("root", "containerd needs root (mounts, cgroups, namespaces)");

        var layout = ContainerdLayout.Create();
        File.WriteAllText(layout.ConfigFile, ContainerdConfig.Render(layout, sandboxImage, withCri, baseRuntimeSpecs));

        var daemon = new ContainerdDaemon(Launch(layout), layout);
        try
        {
            daemon.WaitUntilBooted();
        }
        catch
        {
            daemon.Dispose();
            throw;
        }

        return daemon;
    }

    /// <summary>Stops containerd as PID 1 does (SIGTERM) and waits until it has exited; its shims, and what they run, stay.</summary>
    public void Stop()
    {
        Hull.Interop.Libc.Kill(_process.Id, Hull.Interop.Libc.SIGTERM);
        _process.WaitForExit();
    }

    /// <summary>Starts containerd again after <see cref="Stop"/>, on the same folder, config and socket, and waits until it has booted.</summary>
    public void StartAgain()
    {
        _process.HasExited.ShouldBeTrue("StartAgain needs a stopped containerd");
        _process.Dispose();
        File.Delete(Layout.LogFile);
        _process = Launch(Layout);
        WaitUntilBooted();
    }

    // exec: the pid we hold is containerd's own, and its output goes straight to the log file. containerd finds its shim,
    // and the shim runc, on PATH: the locked ones come first, before the machine's.
    private static Process Launch(ContainerdLayout layout)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.Environment["PATH"] = $"{LockedContainerStack.ContainerdBin}:{LockedContainerStack.RuncBin}:{Environment.GetEnvironmentVariable("PATH")}";
        var containerd = Path.Combine(LockedContainerStack.ContainerdBin, "containerd");
        foreach (var arg in (string[])["-c", $"exec '{containerd}' --config '{layout.ConfigFile}' >'{layout.LogFile}' 2>&1"])
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    /// <summary>Imports an OCI image archive into the CRI plugin's namespace (k8s.io), unpacked for its snapshotter, with the product's importer.</summary>
    public async Task ImportAsync(string archivePath, CancellationToken cancellationToken = default)
    {
        using var containerd = new ContainerdClient(ContainerdClientOptions.For(SocketPath));
        await using var archive = File.OpenRead(archivePath);
        try
        {
            await new ImageImporter(containerd, ImageImporterOptions.For(Layout.Snapshotter), TimeProvider.System).ImportArchiveAsync(archive, null, cancellationToken);
        }
        catch (ImageImportException e)
        {
            throw new InvalidOperationException($"{e.Message}\ncontainerd log:\n{Log}", e);
        }
    }

    private void WaitUntilBooted()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"containerd exited {_process.ExitCode}:\n{Log}");
            }

            if (File.Exists(SocketPath) && Log.Contains("containerd successfully booted", StringComparison.Ordinal))
            {
                return;
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"containerd did not boot within 60 s:\n{Log}");
    }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        ContainerdCleanup.KillShims(SocketPath);
        ContainerdCleanup.UnmountUnder(Layout.Directory);
        try
        {
            Directory.Delete(Layout.Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a busy leftover must not fail the test that made it.
        }
    }
}
