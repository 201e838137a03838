using Hull.Builder.Debian;

namespace Hull.Builder.Tests.TestSupport;

/// <summary>
/// The real systemd-boot EFI binaries from the pinned systemd-boot-efi package, fetched through
/// the builder's own cache (checked against image/packages.lock) once per test run.
/// </summary>
internal static class SystemdBoot
{
    private static readonly Lazy<Task<string>> EfiDirectory = new(ExtractAsync);

    /// <summary>The UKI stub, linuxx64.efi.stub.</summary>
    public static async Task<string> StubAsync() => Path.Combine(await EfiDirectory.Value, "linuxx64.efi.stub");

    /// <summary>The boot loader, systemd-bootx64.efi.</summary>
    public static async Task<string> BootloaderAsync() => Path.Combine(await EfiDirectory.Value, "systemd-bootx64.efi");

    private static async Task<string> ExtractAsync()
    {
        var lockText = await File.ReadAllTextAsync(Path.Combine(RepoRoot.Path, "image", "packages.lock"));
        var package = PackageLock.Parse(lockText, "image/packages.lock").Get("systemd-boot-efi");
        var root = await new PackageCache(Path.Combine(RepoRoot.Path, ".cache")).ExtractAsync(package, CancellationToken.None);
        return Path.Combine(root, "usr", "lib", "systemd", "boot", "efi");
    }
}
