namespace Hull.Testing.Containerd;

/// <summary>The paths of one test containerd, all inside <see cref="Directory"/>.</summary>
public sealed record ContainerdLayout(string Directory, string Snapshotter)
{
    public string Root => Path.Combine(Directory, "root");

    public string State => Path.Combine(Directory, "state");

    public string Socket => Path.Combine(Directory, "containerd.sock");

    public string ConfigFile => Path.Combine(Directory, "config.toml");

    public string LogFile => Path.Combine(Directory, "containerd.log");

    public string CniConfDir => Path.Combine(Directory, "cni", "net.d");

    public string CniBinDir => Path.Combine(Directory, "cni", "bin");

    /// <summary>containerd's "opt" plugin folder: the default /opt/containerd is not ours to write.</summary>
    public string OptDir => Path.Combine(Directory, "opt");

    /// <summary>A fresh folder with the subfolders made. Short, under /tmp: a Unix socket path must stay under 108 bytes.</summary>
    public static ContainerdLayout Create()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("hull-ctd-").FullName;
        var layout = new ContainerdLayout(directory, SnapshotterFor(directory));
        foreach (var folder in (string[])[layout.Root, layout.State, layout.CniConfDir, layout.CniBinDir, layout.OptDir])
        {
            System.IO.Directory.CreateDirectory(folder);
        }

        return layout;
    }

    // overlayfs cannot stack its upper dir on another overlay (a Docker container's own root);
    // the native snapshotter (plain copies) works anywhere, only slower.
    private static string SnapshotterFor(string directory) =>
        new DriveInfo(directory).DriveFormat == "overlay" ? "native" : "overlayfs";
}
