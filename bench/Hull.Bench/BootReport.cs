using System.Text;

namespace Hull.Bench;

/// <summary>The results table, with the targets of the bootable-image issue beside each number.</summary>
internal static class BootReport
{
    public static string Markdown(BootResult result, string rawFile)
    {
        static double Mib(long bytes) => bytes / 1048576.0;
        Summary Of(string mode, Func<BootSample, double> pick) => Summary.Of(result.Samples.Where(s => s.Mode == mode).Select(pick).ToList());

        var text = new StringBuilder();
        text.AppendLine($"# Boot benchmark — {result.Date:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine($"Machine: {result.Machine}. Hull {result.Version} ({result.Commit}). Raw samples: `{rawFile}`. Median (min–max) of {result.Samples.Count(s => s.Mode == "direct")} boots per mode.");
        text.AppendLine();
        text.AppendLine("| measure | direct kernel boot | OVMF + Secure Boot | target |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine($"| QEMU start → API answers (wall, s) | {Of("direct", s => s.WallToApiSeconds)} | {Of("uefi", s => s.WallToApiSeconds)} | OVMF ≤ 15 |");
        text.AppendLine($"| kernel start → API ready (guest uptime, s) | {Of("direct", s => s.GuestApiReadySeconds)} | {Of("uefi", s => s.GuestApiReadySeconds)} | |");
        text.AppendLine($"| init start → API ready (guest, s) | {Of("direct", s => s.ApiReadyAfterInitSeconds)} | {Of("uefi", s => s.ApiReadyAfterInitSeconds)} | direct ≤ 2 |");
        text.AppendLine($"| kernel start → init (guest, s) | {Of("direct", s => s.GuestInitStartSeconds)} | {Of("uefi", s => s.GuestInitStartSeconds)} | |");
        text.AppendLine($"| kernel start → containerd ready (guest, s) | {Of("direct", s => s.GuestContainerdReadySeconds)} | {Of("uefi", s => s.GuestContainerdReadySeconds)} | |");
        text.AppendLine($"| idle memory in use, as free(1) counts it (MiB) | {Of("direct", s => Mib(s.IdleMemoryUsedBytes))} | {Of("uefi", s => Mib(s.IdleMemoryUsedBytes))} | ≤ 96 |");
        text.AppendLine();
        text.AppendLine("| size | MiB | target |");
        text.AppendLine("|---|---|---|");
        text.AppendLine($"| root erofs | {Mib(result.Sizes.RootErofs):F1} | ≤ 64 |");
        text.AppendLine($"| root partition image (erofs + verity) | {Mib(result.Sizes.RootPartition):F1} | |");
        text.AppendLine($"| UKI | {Mib(result.Sizes.Uki):F1} | ≤ 24 |");
        text.AppendLine($"| initramfs (in the UKI) | {Mib(result.Sizes.Initramfs):F1} | |");
        text.AppendLine($"| hull binary | {Mib(result.Sizes.HullBinary):F1} | |");
        text.AppendLine($"| disk image (sparse) | {Mib(result.Sizes.Disk):F1} | |");
        return text.ToString();
    }
}
