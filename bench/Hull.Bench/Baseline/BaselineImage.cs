using Hull.Bench.Compare;

namespace Hull.Bench.Baseline;

/// <summary>A built baseline: its ext4 disk (the whole disk is the root file system), Debian's initramfs for the kernel, and its facts.</summary>
internal sealed record BaselineImage(string Disk, string Initrd, string KernelVersion, ImageFacts Facts);
