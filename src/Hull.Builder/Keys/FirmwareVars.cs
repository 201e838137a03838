using Hull.Builder.Qemu;
using Hull.Builder.Tools;

namespace Hull.Builder.Keys;

/// <summary>
/// An OVMF variables file with the image's keys enrolled. OVMF starts in Setup Mode; one boot
/// of the kernel with an initramfs whose hull writes db, KEK and then PK into efivarfs (PK
/// last ends Setup Mode) and powers off cleanly, so OVMF saves its NVRAM. The file is kept
/// beside the keys and made again only when they change.
/// </summary>
internal static class FirmwareVars
{
    public const string EnrolledMarker = "hull: enroll: done";

    public static string PathFor(SecureBootKeys keys) => Path.Combine(keys.Directory, "OVMF_VARS.fd");

    public static async Task EnsureAsync(SecureBootKeys keys, string kernel, string enrollInitramfs, string workDirectory, TextWriter progress, CancellationToken cancellationToken)
    {
        var vars = PathFor(keys);
        if (File.Exists(vars) && File.GetLastWriteTimeUtc(vars) > File.GetLastWriteTimeUtc(keys.Auth("PK")))
        {
            return;
        }

        var temp = vars + ".new";
        File.Copy(QemuMachine.OvmfEmptyVars, temp, overwrite: true);
        var serial = Path.Combine(workDirectory, "enroll-serial.log");
        var machine = new QemuMachine
        {
            OvmfVars = temp,
            Direct = (kernel, enrollInitramfs, "console=ttyS0 quiet hull.enroll"),
            SerialLog = serial,
            NoReboot = true,
            MemoryMiB = 512,
        };
        using var qemu = machine.Start();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await qemu.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            qemu.Kill(entireProcessTree: true);
            throw new ToolException($"enrolling the Secure Boot keys did not finish within 3 minutes; serial log: {serial}");
        }

        var log = await File.ReadAllTextAsync(serial, cancellationToken).ConfigureAwait(false);
        if (!log.Contains(EnrolledMarker, StringComparison.Ordinal))
        {
            throw new ToolException($"enrolling the Secure Boot keys failed; serial log {serial} ends: {Tail(log)}");
        }

        File.Move(temp, vars, overwrite: true);
        progress.WriteLine($"      enrolled PK, KEK and db into {vars}");
    }

    private static string Tail(string text) => text.Length > 1500 ? text[^1500..] : text;
}
