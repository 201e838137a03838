namespace Hull.Bench;

/// <summary>A line that says which machine the numbers come from.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var kvm = File.Exists("/dev/kvm") ? "KVM available (not used)" : "no KVM (QEMU TCG)";
        return $"{Environment.ProcessorCount} cores, {cpu}, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {kvm}, host kernel {Environment.OSVersion.Version}";
    }
}
