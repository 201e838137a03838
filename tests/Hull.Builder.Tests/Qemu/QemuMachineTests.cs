using Hull.Builder.Qemu;

namespace Hull.Builder.Tests.Qemu;

public sealed class QemuMachineTests
{
    private static readonly QemuMachine Uefi = new()
    {
        OvmfVars = "/run/vars.fd",
        Disk = "/run/disk.qcow2",
        DiskIsQcow2 = true,
        UserData = "/run/user-data.toml",
        Forwards = [(40443, 443), (40080, 80)],
        SerialLog = "/run/serial.log",
        QmpSocket = "/run/qmp.sock",
        MemoryMiB = 2048,
    };

    private static readonly QemuMachine Direct = new()
    {
        Direct = ("/out/vmlinuz", "/out/initramfs.img", "console=ttyS0 quiet hull.enroll"),
        SerialLog = "/run/serial.log",
        NoReboot = true,
    };

    [Fact]
    public void Arguments_UefiMachine_SmmAndSecurePflash()
    {
        var args = Uefi.Arguments();

        ValuesOf(args, "-machine").ShouldBe(["q35,smm=on"]);
        ValuesOf(args, "-global").ShouldContain("driver=cfi.pflash01,property=secure,value=on");
    }

    [Fact]
    public void Arguments_UefiMachine_CodeReadOnlyVarsWritable()
    {
        var pflash = ValuesOf(Uefi.Arguments(), "-drive").Where(d => d.StartsWith("if=pflash", StringComparison.Ordinal)).ToList();

        pflash.ShouldBe(
        [
            $"if=pflash,format=raw,unit=0,file={QemuMachine.OvmfCode},readonly=on",
            "if=pflash,format=raw,unit=1,file=/run/vars.fd",
        ]);
    }

    [Fact]
    public void Arguments_UefiMachine_DiskOnVirtioBlk()
    {
        var args = Uefi.Arguments();

        ValuesOf(args, "-drive").ShouldContain("if=none,id=disk0,format=qcow2,file=/run/disk.qcow2,cache=unsafe");
        ValuesOf(args, "-device").ShouldContain("virtio-blk-pci,drive=disk0");
    }

    [Fact]
    public void Arguments_AppendSerial_OneConsoleFileAcrossProcesses()
    {
        var args = (Uefi with { AppendSerial = true }).Arguments();

        ValuesOf(args, "-chardev").ShouldBe(["file,id=serial0,path=/run/serial.log,append=on"]);
        ValuesOf(args, "-serial").ShouldBe(["chardev:serial0"]);
    }

    [Fact]
    public void Arguments_HonourFlushes_WritebackCache()
    {
        var args = (Uefi with { HonourFlushes = true }).Arguments();

        ValuesOf(args, "-drive").ShouldContain("if=none,id=disk0,format=qcow2,file=/run/disk.qcow2,cache=writeback");
    }

    [Fact]
    public void Arguments_ConfigDrive_ReadOnlyVirtioDiskAfterTheMainOne()
    {
        var args = (Uefi with { ReadOnlyDrives = ["/run/config-drive.img"] }).Arguments();

        ValuesOf(args, "-drive").Where(d => d.StartsWith("if=none", StringComparison.Ordinal)).ShouldBe(
            ["if=none,id=disk0,format=qcow2,file=/run/disk.qcow2,cache=unsafe", "if=none,id=ro0,format=raw,file=/run/config-drive.img,readonly=on"]);
        ValuesOf(args, "-device").ShouldContain("virtio-blk-pci,drive=ro0");
    }

    [Fact]
    public void Arguments_RawDisk_SaysRaw()
    {
        var args = (Uefi with { Disk = "/run/disk.img", DiskIsQcow2 = false }).Arguments();

        ValuesOf(args, "-drive").ShouldContain("if=none,id=disk0,format=raw,file=/run/disk.img,cache=unsafe");
    }

    [Fact]
    public void Arguments_Forwards_HostPortsBoundToLoopbackOnly()
    {
        var netdev = ValuesOf(Uefi.Arguments(), "-netdev").Single();

        netdev.ShouldBe("user,id=net0,hostfwd=tcp:127.0.0.1:40443-:443,hostfwd=tcp:127.0.0.1:40080-:80");
        netdev.Split(",hostfwd=tcp:").Skip(1).ShouldAllBe(f => f.StartsWith("127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public void Arguments_GuestServices_ReachOnlyTheBuildMachinesLoopback()
    {
        var netdev = ValuesOf((Uefi with { Forwards = [], GuestServices = [(5000, 41234)] }).Arguments(), "-netdev").Single();

        netdev.ShouldBe("user,id=net0,guestfwd=tcp:10.0.2.100:5000-cmd:socat - TCP:127.0.0.1:41234");
    }

    [Fact]
    public void Arguments_UserData_HandedOverAsFwCfg()
    {
        ValuesOf(Uefi.Arguments(), "-fw_cfg").ShouldBe(["name=opt/hull/user-data,file=/run/user-data.toml"]);
    }

    [Fact]
    public void Arguments_UefiMachine_NoDirectKernel()
    {
        var args = Uefi.Arguments();

        args.ShouldNotContain("-kernel");
        args.ShouldNotContain("-initrd");
        args.ShouldNotContain("-append");
        ValuesOf(args, "-m").ShouldBe(["2048"]);
        ValuesOf(args, "-qmp").ShouldBe(["unix:/run/qmp.sock,server=on,wait=off"]);
        ValuesOf(args, "-serial").ShouldBe(["file:/run/serial.log"]);
    }

    [Fact]
    public void Arguments_DirectKernelMachine_KernelInitrdAppendAndNoPflash()
    {
        var args = Direct.Arguments();

        ValuesOf(args, "-machine").ShouldBe(["q35"]);
        ValuesOf(args, "-kernel").ShouldBe(["/out/vmlinuz"]);
        ValuesOf(args, "-initrd").ShouldBe(["/out/initramfs.img"]);
        ValuesOf(args, "-append").ShouldBe(["console=ttyS0 quiet hull.enroll"]);
        args.ShouldNotContain(a => a.Contains("pflash", StringComparison.Ordinal));
        args.ShouldNotContain("-fw_cfg");
        args.ShouldNotContain("-qmp");
        args.ShouldContain("-no-reboot");
        ValuesOf(args, "-m").ShouldBe(["1024"]);
    }

    [Fact]
    public void Arguments_DirectKernelWithVars_HasBoth()
    {
        var args = (Direct with { OvmfVars = "/run/vars.fd" }).Arguments();

        ValuesOf(args, "-kernel").ShouldBe(["/out/vmlinuz"]);
        ValuesOf(args, "-drive").Count(d => d.StartsWith("if=pflash", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public void Arguments_NoPidFile_StaysInTheForeground()
    {
        var args = Uefi.Arguments();

        args.ShouldNotContain("-daemonize");
        args.ShouldNotContain("-pidfile");
        args.ShouldNotContain("-no-reboot");
    }

    [Fact]
    public void Arguments_PidFile_DaemonizesAndWritesIt()
    {
        var args = (Uefi with { PidFile = "/run/qemu.pid" }).Arguments();

        args.ShouldContain("-daemonize");
        ValuesOf(args, "-pidfile").ShouldBe(["/run/qemu.pid"]);
    }

    [Fact]
    public void Arguments_AnyMachine_NoDisplayNoDefaultsAndEveryOptionHasAValue()
    {
        var args = Uefi.Arguments();

        ValuesOf(args, "-display").ShouldBe(["none"]);
        args.ShouldContain("-nodefaults");
        ValuesOf(args, "-device").ShouldContain("virtio-net-pci,netdev=net0,romfile=");
        args.ShouldAllBe(a => a.Length > 0);
    }

    private static List<string> ValuesOf(IReadOnlyList<string> args, string option) =>
        args.Select((a, i) => (a, i)).Where(p => p.a == option).Select(p => args[p.i + 1]).ToList();
}
