using System.Diagnostics;
using Hull.Containers;

namespace Hull.Tests.Containers;

public sealed class PauseElfTests
{
    [Fact]
    public void Build_ReadelfOracle_SeesStaticX8664ExecutableWithOneLoadSegment()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "pause");
        File.WriteAllBytes(path, PauseElf.Build());

        var header = ExternalTool.Run("readelf", ["-h", "-l", "-W", path]);

        header.ExitCode.ShouldBe(0, header.Stderr);
        header.Stdout.ShouldContain("EXEC (Executable file)");
        header.Stdout.ShouldContain("Advanced Micro Devices X86-64");
        header.Stdout.ShouldContain("Entry point address:               0x400078");
        header.Stdout.ShouldContain("LOAD");
        header.Stdout.ShouldNotContain("INTERP");
        header.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task Build_Executed_SleepsUntilKilled()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "pause");
        File.WriteAllBytes(path, PauseElf.Build());
        File.SetUnixFileMode(path, (UnixFileMode)0x1ed);

        using var process = Process.Start(new ProcessStartInfo(path) { UseShellExecute = false })!;

        // SIGCHLD-free and signal-free, it must still be sleeping in pause(2) a moment later.
        await Task.Delay(300, TestContext.Current.CancellationToken);
        process.HasExited.ShouldBeFalse();
        File.ReadAllText($"/proc/{process.Id}/stat").Split(' ')[2].ShouldBe("S");

        process.Kill();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        process.ExitCode.ShouldBe(137);
    }
}
