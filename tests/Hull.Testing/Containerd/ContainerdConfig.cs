namespace Hull.Testing.Containerd;

/// <summary>The config.toml (version 2) of a test containerd.</summary>
public static class ContainerdConfig
{
    /// <summary>
    /// The config for <paramref name="layout"/>. containerd 1.6 still uses two fixed host paths:
    /// /run/containerd/s (shim sockets, named by a hash that includes our socket) and
    /// /run/containerd/runc/k8s.io (runc state, by container id); neither collides between daemons.
    /// </summary>
    /// <param name="layout">Where the daemon keeps everything.</param>
    /// <param name="sandboxImage">The CRI plugin's pause image.</param>
    /// <param name="withCri">False disables the CRI plugin.</param>
    /// <param name="baseRuntimeSpecs">Extra CRI runtime handlers (runc, each starting its containers from the base OCI spec file given), beside the default runc.</param>
    public static string Render(ContainerdLayout layout, string sandboxImage, bool withCri, IReadOnlyDictionary<string, string>? baseRuntimeSpecs = null)
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

            """ + Runtimes(baseRuntimeSpecs);
    }

    // runc is named too: a runtimes table in the file replaces containerd's default one rather than adding to it.
    private static string Runtimes(IReadOnlyDictionary<string, string>? baseRuntimeSpecs) =>
        baseRuntimeSpecs is not { Count: > 0 } ? "" : $$"""

            [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
              runtime_type = "io.containerd.runc.v2"

            """ + string.Concat(baseRuntimeSpecs.Select(r => $$"""

            [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.{{r.Key}}]
              runtime_type = "io.containerd.runc.v2"
              base_runtime_spec = "{{r.Value}}"

            """));
}
