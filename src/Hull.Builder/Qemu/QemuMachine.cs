using System.Diagnostics;
using System.Globalization;

namespace Hull.Builder.Qemu;

/// <summary>What to boot and how: the same q35 machine for builds (key enrollment), `hull run` and the tests.</summary>
internal sealed record QemuMachine
{
    public const string OvmfCode = "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd";
    public const string OvmfEmptyVars = "/usr/share/OVMF/OVMF_VARS_4M.fd";

    /// <summary>Writable copy of the firmware variables (Secure Boot keys enrolled), or null for a direct kernel boot without UEFI.</summary>
    public string? OvmfVars { get; init; }

    /// <summary>Direct kernel boot: kernel, initramfs and command line passed by QEMU, no firmware in the chain.</summary>
    public (string Kernel, string Initramfs, string CommandLine)? Direct { get; init; }

    /// <summary>The disk (raw or qcow2).</summary>
    public string? Disk { get; init; }

    /// <summary>Whether <see cref="Disk"/> is a qcow2 overlay.</summary>
    public bool DiskIsQcow2 { get; init; }

    /// <summary>
    /// The disk honours the guest's flushes (cache=writeback) instead of ignoring them (cache=unsafe, faster). A machine that
    /// will lose power (<c>InstanceLauncher.PowerCycleAsync</c>) needs it: what the guest flushed must outlive the cut, as on
    /// a real disk, or no file system could be expected to survive.
    /// </summary>
    public bool HonourFlushes { get; init; }

    /// <summary>A file handed to the guest as fw_cfg opt/hull/user-data.</summary>
    public string? UserData { get; init; }

    /// <summary>Raw disk images attached read-only after <see cref="Disk"/>, each as its own virtio disk (a config drive).</summary>
    public IReadOnlyList<string> ReadOnlyDrives { get; init; } = [];

    /// <summary>Host port on 127.0.0.1 → guest TCP port.</summary>
    public IReadOnlyList<(int HostPort, int GuestPort)> Forwards { get; init; } = [];

    /// <summary>The address at which the guest reaches <see cref="GuestServices"/> (QEMU's guestfwd; nothing else answers there).</summary>
    public const string GuestServiceAddress = "10.0.2.100";

    /// <summary>
    /// TCP services on the build machine's 127.0.0.1 the guest reaches at <see cref="GuestServiceAddress"/>:GuestPort (a test
    /// registry). Each guest connection gets its own socat: a guestfwd to a chardev is one host connection that every guest
    /// connection would share, which breaks HTTP as soon as a second connection opens.
    /// </summary>
    public IReadOnlyList<(int GuestPort, int HostPort)> GuestServices { get; init; } = [];

    /// <summary>Where the serial console is written.</summary>
    public required string SerialLog { get; init; }

    /// <summary>QMP control socket (for stop and power-off).</summary>
    public string? QmpSocket { get; init; }

    public int MemoryMiB { get; init; } = 1024;

    /// <summary>When set, QEMU detaches (-daemonize) and writes its pid here.</summary>
    public string? PidFile { get; init; }

    /// <summary>Append to <see cref="SerialLog"/> instead of starting it afresh (one console across QEMU processes).</summary>
    public bool AppendSerial { get; init; }

    /// <summary>Exit instead of rebooting (tests and enrollment look at one boot).</summary>
    public bool NoReboot { get; init; }

    /// <summary>The qemu-system-x86_64 argument list.</summary>
    public IReadOnlyList<string> Arguments()
    {
        var a = new List<string> { "-machine", OvmfVars is null ? "q35" : "q35,smm=on", "-accel", "tcg", "-cpu", "max", "-smp", "2",
            "-m", MemoryMiB.ToString(CultureInfo.InvariantCulture), "-nodefaults", "-no-user-config", "-display", "none" };
        a.AddRange(AppendSerial ? ["-chardev", $"file,id=serial0,path={SerialLog},append=on", "-serial", "chardev:serial0"] : ["-serial", $"file:{SerialLog}"]);
        if (OvmfVars is not null)
        {
            a.AddRange(["-global", "driver=cfi.pflash01,property=secure,value=on",
                "-drive", $"if=pflash,format=raw,unit=0,file={OvmfCode},readonly=on",
                "-drive", $"if=pflash,format=raw,unit=1,file={OvmfVars}"]);
        }

        if (Direct is var (kernel, initramfs, commandLine))
        {
            a.AddRange(["-kernel", kernel, "-initrd", initramfs, "-append", commandLine]);
        }

        if (Disk is not null)
        {
            a.AddRange(["-drive", $"if=none,id=disk0,format={(DiskIsQcow2 ? "qcow2" : "raw")},file={Disk},cache={(HonourFlushes ? "writeback" : "unsafe")}", "-device", "virtio-blk-pci,drive=disk0"]);
        }

        for (var i = 0; i < ReadOnlyDrives.Count; i++)
        {
            a.AddRange(["-drive", $"if=none,id=ro{i},format=raw,file={ReadOnlyDrives[i]},readonly=on", "-device", $"virtio-blk-pci,drive=ro{i}"]);
        }

        var forwards = string.Concat(Forwards.Select(f => string.Create(CultureInfo.InvariantCulture, $",hostfwd=tcp:127.0.0.1:{f.HostPort}-:{f.GuestPort}")))
            + string.Concat(GuestServices.Select(g => string.Create(CultureInfo.InvariantCulture, $",guestfwd=tcp:{GuestServiceAddress}:{g.GuestPort}-cmd:socat - TCP:127.0.0.1:{g.HostPort}")));
        a.AddRange(["-netdev", $"user,id=net0{forwards}", "-device", "virtio-net-pci,netdev=net0,romfile="]);
        if (UserData is not null)
        {
            a.AddRange(["-fw_cfg", $"name=opt/hull/user-data,file={UserData}"]);
        }

        if (QmpSocket is not null)
        {
            a.AddRange(["-qmp", $"unix:{QmpSocket},server=on,wait=off"]);
        }

        if (NoReboot)
        {
            a.Add("-no-reboot");
        }

        if (PidFile is not null)
        {
            a.AddRange(["-daemonize", "-pidfile", PidFile]);
        }

        return a;
    }

    /// <summary>Starts QEMU in the background; the caller owns the process.</summary>
    public Process Start()
    {
        var start = new ProcessStartInfo("qemu-system-x86_64") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in Arguments())
        {
            start.ArgumentList.Add(arg);
        }

        if (!AppendSerial || !File.Exists(SerialLog))
        {
            File.WriteAllText(SerialLog, "");
        }

        return Process.Start(start) ?? throw new Tools.ToolException("could not start qemu-system-x86_64 (run ./hull setup)");
    }
}
