using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Hull.Settings;

/// <summary>
/// The OCI runtime spec containerd's CRI plugin starts workload containers from (<c>base_runtime_spec</c>): containerd
/// 1.7's own default (<c>oci.populateDefaultUnixSpec</c> and <c>defaultMounts</c>) with the capability set and the
/// rlimits given. CRI then applies each container's own settings on top, as it does over its built-in default; what a
/// base spec changes is only that CRI no longer strips rlimits (and seccomp, which this spec leaves out) from it.
/// </summary>
internal static class OciBaseSpec
{
    /// <summary>The version containerd 1.7.24 stamps on its default spec: Debian builds it against Debian's runtime-spec, 1.2.0.</summary>
    public const string OciVersion = "1.2.0";

    /// <summary>containerd's default capabilities, in its order: bounding, effective and permitted all hold these.</summary>
    public static readonly IReadOnlyList<string> DefaultCapabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    private static readonly string[] MaskedPaths =
    [
        "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/sys/devices/virtual/powercap", "/proc/scsi",
    ];

    private static readonly string[] ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    private static readonly string[] Namespaces = ["pid", "ipc", "uts", "mount", "network"];

    // Destination, type, source, options: containerd's defaultMounts. CRI drops /run (WithoutRunMount) and adds its own.
    private static readonly (string Destination, string Type, string Source, string[] Options)[] Mounts =
    [
        ("/proc", "proc", "proc", ["nosuid", "noexec", "nodev"]),
        ("/dev", "tmpfs", "tmpfs", ["nosuid", "strictatime", "mode=755", "size=65536k"]),
        ("/dev/pts", "devpts", "devpts", ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]),
        ("/dev/shm", "tmpfs", "shm", ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]),
        ("/dev/mqueue", "mqueue", "mqueue", ["nosuid", "noexec", "nodev"]),
        ("/sys", "sysfs", "sysfs", ["nosuid", "noexec", "nodev", "ro"]),
        ("/run", "tmpfs", "tmpfs", ["nosuid", "strictatime", "mode=755", "size=65536k"]),
    ];

    /// <summary>
    /// The spec as indented JSON, fields in the order containerd's Go types have them. No rlimits when
    /// <paramref name="rlimits"/> is empty: the processes then inherit containerd's, as without a base spec.
    /// </summary>
    public static string Render(IReadOnlyList<string> capabilities, IReadOnlyList<OciRlimit> rlimits)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("ociVersion", OciVersion);
            WriteProcess(json, capabilities, rlimits);
            json.WriteStartObject("root");
            json.WriteString("path", "rootfs");
            json.WriteEndObject();
            json.WriteStartArray("mounts");
            foreach (var (destination, type, source, options) in Mounts)
            {
                json.WriteStartObject();
                json.WriteString("destination", destination);
                json.WriteString("type", type);
                json.WriteString("source", source);
                WriteStrings(json, "options", options);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteLinux(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void WriteProcess(Utf8JsonWriter json, IReadOnlyList<string> capabilities, IReadOnlyList<OciRlimit> rlimits)
    {
        json.WriteStartObject("process");
        json.WriteStartObject("user");
        json.WriteNumber("uid", 0);
        json.WriteNumber("gid", 0);
        json.WriteEndObject();
        json.WriteString("cwd", "/");
        json.WriteStartObject("capabilities");
        WriteStrings(json, "bounding", capabilities);
        WriteStrings(json, "effective", capabilities);
        WriteStrings(json, "permitted", capabilities);
        json.WriteEndObject();
        if (rlimits.Count > 0)
        {
            json.WriteStartArray("rlimits");
            foreach (var rlimit in rlimits)
            {
                json.WriteStartObject();
                json.WriteString("type", rlimit.Type);
                json.WriteNumber("hard", rlimit.Hard);
                json.WriteNumber("soft", rlimit.Soft);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteBoolean("noNewPrivileges", true);
        json.WriteEndObject();
    }

    private static void WriteLinux(Utf8JsonWriter json)
    {
        json.WriteStartObject("linux");
        json.WriteStartObject("resources");
        json.WriteStartArray("devices");
        json.WriteStartObject();
        json.WriteBoolean("allow", false);
        json.WriteString("access", "rwm");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();

        // No cgroupsPath: CRI sets each container's own (WithNamespacedCgroup) over a base spec.
        json.WriteStartArray("namespaces");
        foreach (var type in Namespaces)
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteStrings(json, "maskedPaths", MaskedPaths);
        WriteStrings(json, "readonlyPaths", ReadonlyPaths);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
