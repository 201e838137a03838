using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Hull.Settings;
using Hull.Testing;

namespace Hull.Bench.Tests;

public sealed class ApiSandboxTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Create_UserData_TurnsOnTheRemoteListenerAtItsPortWithItsCertificates()
    {
        var sandbox = ApiSandbox.Create(_dir.File("sandbox"));
        var userData = UserDataSettings.Parse(File.ReadAllText(_dir.File("sandbox/state/user-data.toml")), "user-data.toml");
        userData.Errors.ShouldBeEmpty();
        var remote = (JsonObject)userData.Settings["api"]!["remote"]!;
        ((long)remote["port"]!).ShouldBe(sandbox.RemoteAddress.Port);
        ((string)remote["client-ca"]!).Trim().ShouldBe(File.ReadAllText(sandbox.Tls.CaCertificate).Trim());
        sandbox.RemoteAddress.Host.ShouldBe("127.0.0.1");
        Directory.Exists(_dir.File("sandbox/root/etc")).ShouldBeTrue();
    }

    [Fact]
    public void Create_Again_StartsFromNothing()
    {
        ApiSandbox.Create(_dir.File("sandbox"));
        File.WriteAllText(_dir.File("sandbox/state/leftover"), "x");
        ApiSandbox.Create(_dir.File("sandbox"));
        File.Exists(_dir.File("sandbox/state/leftover")).ShouldBeFalse();
    }

    [Fact]
    public async Task WaitUntilAcceptsAsync_Listening_Returns()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var process = Sleeper();
        try
        {
            await ApiSandbox.WaitUntilAcceptsAsync(process, listener.LocalEndpoint, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }
        finally
        {
            process.Kill();
        }
    }

    [Fact]
    public async Task WaitUntilAcceptsAsync_ServerExited_SaysWhy()
    {
        var start = new ProcessStartInfo("sh", ["-c", "echo cannot bind 127.0.0.1 >&2; exit 3"]) { RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var e = await Should.ThrowAsync<InvalidOperationException>(() =>
            ApiSandbox.WaitUntilAcceptsAsync(process, new UnixDomainSocketEndPoint(_dir.File("none.sock")), TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        e.Message.ShouldContain("(3)");
        e.Message.ShouldContain("cannot bind 127.0.0.1");
    }

    [Fact]
    public async Task WaitUntilAcceptsAsync_NothingListens_TimesOutNamingTheAddress()
    {
        using var process = Sleeper();
        try
        {
            var e = await Should.ThrowAsync<TimeoutException>(() =>
                ApiSandbox.WaitUntilAcceptsAsync(process, new UnixDomainSocketEndPoint(_dir.File("none.sock")), TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken));
            e.Message.ShouldContain("none.sock");
        }
        finally
        {
            process.Kill();
        }
    }

    public void Dispose() => _dir.Dispose();

    private static Process Sleeper() => Process.Start(new ProcessStartInfo("sleep", "30") { RedirectStandardError = true })!;
}
