using System.Diagnostics;
using System.Text.Json;
using Hull.Builder.Run;
using Hull.Builder.Tests.TestSupport;

namespace Hull.Builder.Tests.Run;

public sealed class InstanceTests : IDisposable
{
    private readonly TempDirectory _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void DirectoryFor_Name_IsUnderTheCheckoutsCache()
    {
        Instance.DirectoryFor("/src/hull", "dev").ShouldBe("/src/hull/.cache/run/dev");
    }

    [Fact]
    public void Save_ThenLoad_GivesTheSameInstance()
    {
        var instance = NewInstance("dev", pid: 4242);

        instance.Save();

        Instance.Load(_repo.Path, "dev").ShouldBe(instance);
    }

    [Fact]
    public void Save_AnyInstance_WritesSnakeCaseJson()
    {
        var instance = NewInstance("dev", pid: 4242);

        instance.Save();

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(instance.Directory, "instance.json")));
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        names.ShouldAllBe(n => n.All(c => char.IsAsciiLetterLower(c) || c == '_'));
        new[] { "name", "directory", "pid", "api_port", "serial_log", "direct" }.ShouldBeSubsetOf(names);
        json.RootElement.GetProperty("api_port").GetInt32().ShouldBe(instance.ApiPort);
    }

    [Fact]
    public void Load_NeverStarted_IsNull()
    {
        Instance.Load(_repo.Path, "nosuch").ShouldBeNull();
    }

    [Fact]
    public void Load_TwoInstances_EachFromItsOwnFolder()
    {
        NewInstance("a", pid: 1).Save();
        NewInstance("b", pid: 2).Save();

        Instance.Load(_repo.Path, "a")!.Pid.ShouldBe(1);
        Instance.Load(_repo.Path, "b")!.Pid.ShouldBe(2);
    }

    [Fact]
    public void ApiAddressAndTls_AnyInstance_PointAtLoopbackAndTheInstanceFolder()
    {
        var instance = NewInstance("dev", pid: 1);

        instance.ApiAddress.ShouldBe(new Uri($"https://127.0.0.1:{instance.ApiPort}/"));
        instance.Tls.Directory.ShouldBe(Path.Combine(instance.Directory, "tls"));
    }

    [Fact]
    public async Task IsRunning_ProcessThatExited_IsFalse()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        NewInstance("dead", process.Id).IsRunning().ShouldBeFalse();
    }

    [Fact]
    public void IsRunning_LiveProcessThatIsNotQemu_IsFalse()
    {
        NewInstance("me", Environment.ProcessId).IsRunning().ShouldBeFalse();
    }

    private Instance NewInstance(string name, int pid)
    {
        var directory = Directory.CreateDirectory(Instance.DirectoryFor(_repo.Path, name)).FullName;
        return new Instance(name, directory, pid, 40443, Path.Combine(directory, "serial.log"), Direct: false);
    }
}
