using System.Text;
using System.Text.Json;
using Hull.Api;
using Hull.Tests.Api;
using Hull.TimeSync;

namespace Hull.Tests.TimeSync;

/// <summary>The time-sync service against the real API server (for its settings) and a real chronyd.</summary>
public sealed class TimeSyncServiceTests : IAsyncLifetime
{
    private readonly ApiServerTests _server = new();
    private HttpClient? _api;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _server.InitializeAsync();
        _api = ApiClient.ForUnixSocket(Path.Combine(Path.GetDirectoryName(_server.Root)!, "api.sock"));
    }

    [Fact]
    public async Task SyncOnce_FirstServerSilentSecondAnswers_SlewsAndReportsTheSecond()
    {
        using var chrony = ChronyServer.Start();
        await SetServersAsync("""["192.0.2.1", "127.0.0.1"]""");
        var steps = new List<DateTimeOffset>();
        var slews = new List<TimeSpan>();
        var statusFile = Path.Combine(Path.GetDirectoryName(_server.Root)!, "time-sync.json");
        var service = new TimeSyncService(_api!, statusFile, TimeProvider.System, steps.Add, slews.Add, chrony.Port);

        var status = await service.SyncOnceAsync(Ct);

        status.Server.ShouldBe("127.0.0.1");
        status.Stratum.ShouldBe(ChronyServer.Stratum);
        status.Errors.ShouldContain(e => e.StartsWith("192.0.2.1: ", StringComparison.Ordinal));
        slews.Count.ShouldBe(1);
        steps.ShouldBeEmpty();
        JsonSerializer.Deserialize(File.ReadAllText(statusFile), ApiJsonContext.Default.TimeSyncStatus)!.Server.ShouldBe("127.0.0.1");
    }

    [Fact]
    public async Task SyncOnce_ClockFarOff_StepsIt()
    {
        using var chrony = ChronyServer.Start();
        await SetServersAsync("""["127.0.0.1"]""");
        var steps = new List<DateTimeOffset>();
        var service = new TimeSyncService(_api!, Path.Combine(Path.GetDirectoryName(_server.Root)!, "t.json"), new Behind(TimeSpan.FromMinutes(10)), steps.Add, _ => { }, chrony.Port);

        await service.SyncOnceAsync(Ct);

        steps.Count.ShouldBe(1);
        (steps[0] - DateTimeOffset.UtcNow).Duration().ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SyncOnce_NoServerAnswers_ReportsEveryFailureAndTouchesNoClock()
    {
        await SetServersAsync("""["192.0.2.1"]""");
        var touched = false;
        var service = new TimeSyncService(_api!, Path.Combine(Path.GetDirectoryName(_server.Root)!, "t.json"), TimeProvider.System, _ => touched = true, _ => touched = true, 9);

        var status = await service.SyncOnceAsync(Ct);

        status.SynchronizedAt.ShouldBeNull();
        status.Errors.ShouldHaveSingleItem().ShouldStartWith("192.0.2.1: ");
        touched.ShouldBeFalse();
    }

    private async Task SetServersAsync(string json)
    {
        using var patch = new HttpRequestMessage(HttpMethod.Patch, "/settings") { Content = new StringContent("{\"ntp\":{\"time-servers\":" + json + "}}", Encoding.UTF8, "application/json") };
        (await _api!.SendAsync(patch, Ct)).EnsureSuccessStatusCode();
        (await _api.PostAsync("/tx/commit_and_apply", null, Ct)).EnsureSuccessStatusCode();
    }

    private sealed class Behind(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() - by;
    }

    public async ValueTask DisposeAsync()
    {
        _api?.Dispose();
        await _server.DisposeAsync();
    }
}
