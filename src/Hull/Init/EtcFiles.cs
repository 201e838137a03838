namespace Hull.Init;

/// <summary>The files every boot writes into the tmpfs /etc before services start.</summary>
internal static class EtcFiles
{
    public static void WriteBase(string hostname)
    {
        File.CreateSymbolicLink("/etc/os-release", "../usr/lib/os-release");
        File.WriteAllText("/etc/hostname", hostname + "\n");
        File.WriteAllText("/etc/hosts", $"127.0.0.1 localhost\n::1 localhost\n127.0.1.1 {hostname}\n");
        File.WriteAllText("/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\n");
        File.WriteAllText("/etc/group", "root:x:0:\n");
        File.WriteAllText("/etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n");
        if (!File.Exists("/etc/resolv.conf"))
        {
            File.WriteAllText("/etc/resolv.conf", "");
        }

        Directory.CreateDirectory("/etc/containerd");
        File.WriteAllText("/etc/containerd/config.toml", ContainerdConfig);
    }

    // containerd's state on DATA (/var/lib/containerd); plugins that need tools or kernels we do not ship are off;
    // the opt plugin needs a writable path (/opt is read-only).
    private const string ContainerdConfig = """
        version = 2
        root = "/var/lib/containerd"
        state = "/run/containerd"
        disabled_plugins = ["io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs"]

        [grpc]
          address = "/run/containerd/containerd.sock"

        [plugins."io.containerd.internal.v1.opt"]
          path = "/var/lib/containerd/opt"

        [plugins."io.containerd.grpc.v1.cri".cni]
          bin_dir = "/usr/lib/cni"
          conf_dir = "/etc/cni/net.d"

        """;
}
