using Hull.Cri.V1;

namespace Hull.HostContainers;

/// <summary>
/// What lets a host container talk to the API with the host's own client: the API socket at <c>/run/api.sock</c>, and
/// <c>/usr/local/bin/apiclient</c>, a script that starts the host's <c>hull</c> binary through the host's glibc loader
/// (all mounted read-only under <c>/.hull/</c>, so the image's own libraries are left alone) as <c>apiclient</c>.
/// </summary>
internal static class ApiclientMounts
{
    /// <summary>The launcher script on the host (tmpfs), written at service start.</summary>
    public const string LauncherFile = "/run/hull/apiclient";

    private const string Libraries = "/usr/lib/x86_64-linux-gnu";

    /// <summary>The launcher's text: the loader runs hull with the mounted libraries and the name it dispatches on.</summary>
    public const string Launcher = """
        #!/bin/sh
        exec /.hull/lib/ld-linux-x86-64.so.2 --library-path /.hull/lib --argv0 apiclient /.hull/bin/hull "$@"

        """;

    /// <summary>Writes the launcher (0755) where the mounts expect it.</summary>
    public static void WriteLauncher()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LauncherFile)!);
        File.WriteAllText(LauncherFile, Launcher);
        File.SetUnixFileMode(LauncherFile, (UnixFileMode)0x1ed);
    }

    /// <summary>The mounts, all read-only but the socket.</summary>
    public static IEnumerable<Mount> All() =>
    [
        new Mount { HostPath = "/run/api.sock", ContainerPath = "/run/api.sock" },
        new Mount { HostPath = "/usr/bin/hull", ContainerPath = "/.hull/bin/hull", Readonly = true },
        new Mount { HostPath = $"{Libraries}/ld-linux-x86-64.so.2", ContainerPath = "/.hull/lib/ld-linux-x86-64.so.2", Readonly = true },
        new Mount { HostPath = $"{Libraries}/libc.so.6", ContainerPath = "/.hull/lib/libc.so.6", Readonly = true },
        new Mount { HostPath = $"{Libraries}/libm.so.6", ContainerPath = "/.hull/lib/libm.so.6", Readonly = true },
        new Mount { HostPath = LauncherFile, ContainerPath = "/usr/local/bin/apiclient", Readonly = true },
    ];
}
