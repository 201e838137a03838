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
        WriteContainerdSettingsDefaults("/");

        // Written before containerd starts, and atomically: CRI's watcher reads half-written files.
        Directory.CreateDirectory("/etc/cni/net.d");
        File.WriteAllText("/etc/cni/net.d/10-hull.conflist.tmp", CniNetwork);
        File.Move("/etc/cni/net.d/10-hull.conflist.tmp", "/etc/cni/net.d/10-hull.conflist");
    }

    /// <summary>
    /// The files containerd reads at start that settings render, as the variant's defaults render them, under
    /// <paramref name="root"/>: the apiserver's first apply then restarts containerd only when settings change one.
    /// containerd must never start without them: a missing base spec fails its CRI plugin.
    /// </summary>
    internal static void WriteContainerdSettingsDefaults(string root)
    {
        // containerd's environment without proxies, the trust store without settings.pki (the image's CAs), and the
        // workloads' base OCI spec without oci-defaults (containerd's own default).
        Write(root, Settings.ContainerdEnvironment.Path, Settings.ContainerdEnvironment.Render([]));
        Write(root, Settings.TrustStore.Path, Settings.TrustStore.Render([], root));
        Write(root, Settings.OciDefaults.Path, Settings.OciDefaults.Render([]));
    }

    private static void Write(string root, string path, string content)
    {
        var full = Path.Combine(root, path.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    /// <summary>The CRI sandbox ("pause") image containerd needs for every pod; no registry has it: Containers.SandboxImage makes and imports it at boot.</summary>
    public const string SandboxImage = "localhost/hull/pause:1";

    // containerd's state on DATA (/var/lib/containerd); plugins that need tools or kernels we do not ship are off;
    // the opt plugin needs a writable path (/opt is read-only). CRI: overlayfs snapshots, runc with cgroupfs
    // (no systemd), the sandbox image the host makes and imports at boot (Containers/SandboxImage), registry hosts (mirrors) from settings under certs.d.
    // Workload pods run under their own runtime handler, runc from the base spec settings.oci-defaults renders; host and bootstrap
    // containers under runc's default, which oci-defaults leaves alone, as on Bottlerocket (whose host containers have their own containerd).
    internal const string ContainerdConfig = $$"""
        version = 2
        root = "/var/lib/containerd"
        state = "/run/containerd"
        disabled_plugins = ["io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs"]

        [grpc]
          address = "/run/containerd/containerd.sock"

        [plugins."io.containerd.internal.v1.opt"]
          path = "/var/lib/containerd/opt"

        [plugins."io.containerd.grpc.v1.cri"]
          sandbox_image = "{{SandboxImage}}"

        [plugins."io.containerd.grpc.v1.cri".containerd]
          snapshotter = "overlayfs"
          default_runtime_name = "runc"

        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
          runtime_type = "io.containerd.runc.v2"

        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.{{Workloads.CriWorkloadRuntime.RuntimeHandler}}]
          runtime_type = "io.containerd.runc.v2"
          base_runtime_spec = "{{Settings.OciDefaults.Path}}"

        [plugins."io.containerd.grpc.v1.cri".cni]
          bin_dir = "/usr/lib/cni"
          conf_dir = "/etc/cni/net.d"

        [plugins."io.containerd.grpc.v1.cri".registry]
          config_path = "/etc/containerd/certs.d"

        """;

    // One bridge for every pod, NAT to the outside, host ports through portmap. The IP allocations live in
    // /run: a reboot starts with no pods, so leases kept on DATA would only leak addresses.
    internal const string CniNetwork = """
        {
          "cniVersion": "1.0.0",
          "name": "hull",
          "plugins": [
            {
              "type": "bridge",
              "bridge": "hull0",
              "isGateway": true,
              "ipMasq": true,
              "hairpinMode": true,
              "ipam": {
                "type": "host-local",
                "dataDir": "/run/cni/networks",
                "ranges": [[{ "subnet": "10.88.0.0/16" }]],
                "routes": [{ "dst": "0.0.0.0/0" }]
              }
            },
            { "type": "portmap", "capabilities": { "portMappings": true } }
          ]
        }

        """;
}
