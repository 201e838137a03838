using System.Text.RegularExpressions;

namespace Hull.Settings;

/// <summary>The rules for user-chosen names inside settings keys (the <c>&lt;name&gt;</c> in <c>host-containers.&lt;name&gt;</c>).</summary>
internal static partial class SettingsNames
{
    // The sets come first: static initializers run in text order, and the rules below use them.
    private static readonly HashSet<string> Capabilities = new(StringComparer.Ordinal)
    {
        "audit-control", "audit-read", "audit-write", "block-suspend", "bpf", "checkpoint-restore", "chown",
        "dac-override", "dac-read-search", "fowner", "fsetid", "ipc-lock", "ipc-owner", "kill", "lease",
        "linux-immutable", "mac-admin", "mac-override", "mknod", "net-admin", "net-bind-service", "net-broadcast",
        "net-raw", "perfmon", "setfcap", "setgid", "setpcap", "setuid", "sys-admin", "sys-boot", "sys-chroot",
        "sys-module", "sys-nice", "sys-pacct", "sys-ptrace", "sys-rawio", "sys-resource", "sys-time",
        "sys-tty-config", "syslog", "wake-alarm",
    };

    private static readonly SortedSet<string> ResourceLimits = new(StringComparer.Ordinal)
    {
        "max-address-space", "max-core-file-size", "max-cpu-time", "max-data-size", "max-file-locks",
        "max-file-size", "max-locked-memory", "max-msgqueue-size", "max-nice-priority", "max-open-files",
        "max-pending-signals", "max-processes", "max-realtime-priority", "max-realtime-timeout",
        "max-resident-set", "max-stack-size",
    };

    /// <summary>sysctl paths as /proc/sys has them, written with dots; '/' and '..' would escape /proc/sys.</summary>
    public static NameRule Sysctl { get; } = new("sysctl name", s => s.Length <= 255 && SysctlPattern().IsMatch(s),
        "dot-separated segments of a-z, 0-9, '_' (and '-' after the first), at least two; no '/' or '..'");

    /// <summary>Kernel module names; the kernel's limit is 55 characters (MODULE_NAME_LEN 56 with the NUL).</summary>
    public static NameRule Module { get; } = new("module name", s => s.Length <= 55 && ModulePattern().IsMatch(s),
        "a-z, 0-9, '_' and '-', 1-55 characters");

    /// <summary>Host and bootstrap container names: they become directory and unit names.</summary>
    public static NameRule Container { get; } = new("container name", s => ContainerPattern().IsMatch(s),
        "a-z, 0-9 and '-', starting with a letter or digit, 1-63 characters");

    /// <summary>Environment variable names of workloads (POSIX portable names).</summary>
    public static NameRule EnvironmentVariable { get; } = new("environment variable name", s => s.Length <= 255 && EnvironmentPattern().IsMatch(s),
        "letters, digits and '_', not starting with a digit, 1-255 characters");

    /// <summary>Certificate bundle names under <c>settings.pki</c>; they become file names.</summary>
    public static NameRule Bundle { get; } = new("certificate bundle name", s => ContainerPattern().IsMatch(s),
        "a-z, 0-9 and '-', starting with a letter or digit, 1-63 characters");

    /// <summary>Kernel command-line parameter names (<c>console</c>, <c>systemd.log_level</c>).</summary>
    public static NameRule KernelParameter { get; } = new("kernel parameter name", s => KernelParameterPattern().IsMatch(s),
        "letters, digits, '_', '-' and '.', 1-128 characters");

    /// <summary>Linux capabilities, lower case with '-' and without CAP_, as Bottlerocket names them.</summary>
    public static NameRule Capability { get; } = new("capability", Capabilities.Contains,
        "a Linux capability in lower case without cap_, e.g. chown, net-bind-service, sys-admin");

    /// <summary>The rlimits, named the way Bottlerocket names them.</summary>
    public static NameRule ResourceLimit { get; } = new("resource limit", ResourceLimits.Contains,
        $"one of {string.Join(", ", ResourceLimits)}");

    [GeneratedRegex(@"^[a-z0-9_]+(\.[a-z0-9_-]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex SysctlPattern();

    [GeneratedRegex("^[a-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ModulePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex KernelParameterPattern();
}
