using System.Globalization;
using Hull.Builder.Tools;

namespace Hull.Builder.Boot;

/// <summary>The EFI system partition: signed systemd-boot as the removable-media loader, its loader.conf, and the UKIs.</summary>
internal static class EspImage
{
    // A glob default survives boot-counter renames; no editor, no auto entries (nothing to tamper with at the prompt).
    public const string LoaderConf = "timeout 0\ndefault hull-*\neditor no\nauto-entries no\nauto-firmware no\n";

    /// <summary>
    /// The good (counter-less) entry of <paramref name="slot"/> for <paramref name="version"/>, hull-V-S.efi: the factory
    /// slot of a built disk is good from the start. The host's updater renames entries through their boot counts.
    /// </summary>
    public static string EntryName(string version, char slot) => $"hull-{version}-{slot}.efi";

    public static async Task BuildAsync(string output, long sizeBytes, string bootloader, IReadOnlyDictionary<string, string> ukis, string workDirectory, CancellationToken cancellationToken)
    {
        File.Delete(output);
        var kib = (sizeBytes / 1024).ToString(CultureInfo.InvariantCulture);
        await Tool.RunAsync("mkfs.vfat", ["-F", "32", "-n", "HULL-ESP", "-i", "48554c4c", "-C", output, kib], cancellationToken: cancellationToken).ConfigureAwait(false);
        await Mtools("mmd", output, "::/EFI", "::/EFI/BOOT", "::/EFI/Linux", "::/loader").ConfigureAwait(false);

        var loaderConf = Path.Combine(workDirectory, "loader.conf");
        await File.WriteAllTextAsync(loaderConf, LoaderConf, cancellationToken).ConfigureAwait(false);
        await Mtools("mcopy", output, bootloader, "::/EFI/BOOT/BOOTX64.EFI").ConfigureAwait(false);
        await Mtools("mcopy", output, loaderConf, "::/loader/loader.conf").ConfigureAwait(false);
        foreach (var (name, file) in ukis)
        {
            await Mtools("mcopy", output, file, $"::/EFI/Linux/{name}").ConfigureAwait(false);
        }

        Task Mtools(string tool, string image, params string[] rest) =>
            Tool.RunAsync(tool, ["-i", image, .. rest], cancellationToken: cancellationToken);
    }
}
