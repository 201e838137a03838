namespace Hull.Testing.Containerd;

/// <summary>The config.toml (version 2) of a test containerd.</summary>
public static class ContainerdConfig
{
    /// <summary>
    /// The config for <paramref name="layout"/>. containerd 1.6 still uses two fixed host paths:
    /// /run/containerd/s (shim sockets, named by a hash that includes our socket) and
    /// /run/containerd/runc/k8s.io (runc state, by container id); neither collides between daemons.
    /// </summary>
    public static string Render(ContainerdLayout layout, string sandboxImage, bool withCri)
    {
        // Snapshotters that cannot work here only log errors at start; the CRI plugin on or off.
        var disabled = new List<string>
        {
            "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs",
            "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs",
        };
        if (!withCri)
        {
            disabled.Add("io.containerd.grpc.v1.cri");
        }

        return $$"""
            version = 2
            root = "{{layout.Root}}"
            state = "{{layout.State}}"
            disabled_plugins = [{{string.Join(", ", disabled.Select(p => $"\"{p}\""))}}]

            [grpc]
              address = "{{layout.Socket}}"

            [ttrpc]
              address = "{{layout.Socket}}.ttrpc"

            [plugins."io.containerd.internal.v1.opt"]
              path = "{{layout.OptDir}}"

            [plugins."io.containerd.grpc.v1.cri"]
              # The pause image is imported locally: registry.k8s.io is out of reach, and the
              # CRI plugin pulls this only when it is missing.
              sandbox_image = "{{sandboxImage}}"
              # The build machine's root may lack CAP_SYS_RESOURCE; the sandbox's default
              # oom_score_adj of -998 would then be refused. Clamp it to containerd's own.
              restrict_oom_score_adj = true

            [plugins."io.containerd.grpc.v1.cri".containerd]
              snapshotter = "{{layout.Snapshotter}}"

            [plugins."io.containerd.grpc.v1.cri".cni]
              bin_dir = "{{layout.CniBinDir}}"
              conf_dir = "{{layout.CniConfDir}}"

            """;
    }
}
