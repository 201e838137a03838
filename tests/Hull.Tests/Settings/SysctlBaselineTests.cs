using Hull.Settings;

namespace Hull.Tests.Settings;

/// <summary>What a removed sysctl goes back to: the kernel's value from before Hull's first write this boot.</summary>
public sealed class SysctlBaselineTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void NoteBeforeWrite_SecondNoteAndANewProcess_KeepTheFirstValue()
    {
        new SysctlBaseline(_dir.Path).NoteBeforeWrite("/proc/sys/net/ipv4/ip_forward", "0\n");
        new SysctlBaseline(_dir.Path).NoteBeforeWrite("/proc/sys/net/ipv4/ip_forward", "1");

        // A restarted apiserver writes every sysctl again: what it reads then is Hull's own value, not the kernel's.
        new SysctlBaseline(_dir.Path).ValueOf("/proc/sys/net/ipv4/ip_forward").ShouldBe("0\n");
        File.Exists(_dir.File("run/hull/sysctl-baseline.json")).ShouldBeTrue();
    }

    [Fact]
    public void ValueOf_NeverWrittenOrUnreadableFile_IsNull()
    {
        new SysctlBaseline(_dir.Path).ValueOf("/proc/sys/vm/swappiness").ShouldBeNull();

        _dir.Write("run/hull/sysctl-baseline.json", "{torn");
        var baseline = new SysctlBaseline(_dir.Path);
        baseline.ValueOf("/proc/sys/vm/swappiness").ShouldBeNull();
        baseline.NoteBeforeWrite("/proc/sys/vm/swappiness", "60\n");
        new SysctlBaseline(_dir.Path).ValueOf("/proc/sys/vm/swappiness").ShouldBe("60\n");
    }
}
