using Hull.Platform;

namespace Hull.Bench.Compare;

/// <summary>
/// One boot. <paramref name="PreKernelSeconds"/>: wall seconds from starting QEMU to the kernel's start (QEMU, firmware,
/// loading the kernel), estimated as wall time at a marker less its uptime. <paramref name="Events"/> use the names of
/// <see cref="BootPhases"/>. Memory as /proc/meminfo had it after the boot and a quiet while; <paramref name="FirstContainerSeconds"/>
/// from asking for a container (image import included) to its process running, or null when not measured.
/// </summary>
internal sealed record CompareSample(
    double PreKernelSeconds,
    IReadOnlyList<BootEvent> Events,
    long MemTotalBytes,
    long MemAvailableBytes,
    long FreeUsedBytes,
    ListeningSockets Sockets,
    double? FirstContainerSeconds)
{
    /// <summary>Uptime of the first event named <paramref name="name"/>, or NaN.</summary>
    public double At(string name) => Events.FirstOrDefault(e => e.Name == name)?.Uptime ?? double.NaN;

    /// <summary>MemTotal - MemAvailable: what the running system keeps from new work.</summary>
    public long MemInUseBytes => MemTotalBytes - MemAvailableBytes;
}
