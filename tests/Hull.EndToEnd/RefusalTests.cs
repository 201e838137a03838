using Hull.Builder.Disk;

namespace Hull.EndToEnd;

/// <summary>What the chain of trust refuses: an unsigned UKI at the firmware, a changed block of the root at dm-verity.</summary>
public sealed class RefusalTests
{
    [Fact]
    public async Task Boot_UnsignedUki_IsRefusedByFirmware()
    {
        var build = E2EBuild.Require();
        var dir = E2EBuild.ScratchDirectory("unsigned-uki-disk");
        var disk = DiskSurgery.CopyDisk(build, dir);
        DiskSurgery.InstallUnsignedUki(build, disk, dir);

        await using var host = await BootedHost.StartAsync(build with { Disk = disk }, "unsigned-uki");

        // systemd-boot asks the firmware to load the UKI; Secure Boot refuses it.
        await host.WaitForConsoleAsync("Access Denied", TimeSpan.FromMinutes(3));
        host.ConsoleText().ShouldNotContain("hull: stage 1");
    }

    [Fact]
    public async Task Boot_OneFlippedByteInRoot_StopsInStage1()
    {
        var build = E2EBuild.Require();
        var dir = E2EBuild.ScratchDirectory("flipped-byte-disk");
        var disk = DiskSurgery.CopyDisk(build, dir);
        var rootA = DiskLayout.Plan(build.Version).Single(p => p.Name == "ROOT-A");

        // A byte of the erofs superblock (at 1024): the first block the mount reads.
        DiskSurgery.FlipByte(disk, rootA.FirstLba * 512, 1024 + 40);

        await using var host = await BootedHost.StartAsync(build with { Disk = disk }, "flipped-byte", direct: true);
        await host.WaitForConsoleAsync("hull: stage 1: FATAL", TimeSpan.FromMinutes(3));
        host.ConsoleText().ShouldNotContain("hull: init:");
    }
}
