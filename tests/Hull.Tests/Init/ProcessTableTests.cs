using Hull.Init;

namespace Hull.Tests.Init;

public sealed class ProcessTableTests : IDisposable
{
    private readonly string _proc = Directory.CreateTempSubdirectory("hull-proc-").FullName;

    public void Dispose() => Directory.Delete(_proc, recursive: true);

    [Fact]
    public void UserProcesses_FakeProc_ListsProgramsButNotInitKernelThreadsOrOtherEntries()
    {
        Process(1, "/usr/bin/hull\0init\0");
        Process(2, "");                    // kthreadd
        Process(57, "/usr/bin/containerd-shim-runc-v2\0-id\0abc\0");
        Process(12, "sleep\0");
        Directory.CreateDirectory(Path.Combine(_proc, "self"));
        Directory.CreateDirectory(Path.Combine(_proc, "sys"));
        Directory.CreateDirectory(Path.Combine(_proc, "99"));  // gone: no cmdline any more

        ProcessTable.UserProcesses(_proc).ShouldBe([12, 57]);
    }

    [Fact]
    public void UserProcesses_RealProc_IncludesThisProcess()
    {
        ProcessTable.UserProcesses("/proc").ShouldContain(Environment.ProcessId);
    }

    private void Process(int pid, string cmdline)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_proc, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        File.WriteAllText(Path.Combine(directory.FullName, "cmdline"), cmdline);
    }
}
