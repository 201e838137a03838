using System.Globalization;
using Hull.Builder.Tools;

namespace Hull.Builder.Boot;

/// <summary>
/// A Unified Kernel Image: systemd's EFI stub with the os-release, command line, kernel and
/// initramfs added as PE sections, each placed 4 KiB-aligned after the stub's image (fixed
/// addresses break once the kernel passes 16 MiB).
/// </summary>
internal static class UkiBuilder
{
    public static async Task BuildAsync(string stub, string osRelease, string commandLine, string kernel, string initramfs, string output, CancellationToken cancellationToken)
    {
        var pe = PeImage.Read(stub);
        var next = Align(pe.ImageBase + pe.SizeOfImage);
        var args = new List<string>();
        foreach (var (name, file) in (ReadOnlySpan<(string, string)>)[(".osrel", osRelease), (".cmdline", commandLine), (".linux", kernel), (".initrd", initramfs)])
        {
            args.Add("--add-section");
            args.Add($"{name}={file}");
            args.Add("--change-section-vma");
            args.Add(string.Create(CultureInfo.InvariantCulture, $"{name}=0x{next:x}"));
            next = Align(next + (ulong)new FileInfo(file).Length);
        }

        args.Add(stub);
        args.Add(output);
        File.Delete(output);
        await Tool.RunAsync("objcopy", args, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static ulong Align(ulong n) => (n + 4095) & ~4095UL;
}
