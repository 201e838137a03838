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

    [Fact]
    public async Task SyncOnce_Iburst_FourQuickSamplesAtStartThenOnePerPoll()
    {
        using var chrony = ChronyServer.Start();
        await SetNtpAsync("""{"time-servers":["127.0.0.1"],"options":["iburst"]}""");
        var time = new RecordingTime();
        var service = new TimeSyncService(_api!, Path.Combine(Path.GetDirectoryName(_server.Root)!, "t.json"), time, _ => { }, _ => { }, chrony.Port);

        (await service.SyncOnceAsync(Ct)).Samples.ShouldBe(4);
        time.Waits.ShouldBe([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)]);

        (await service.SyncOnceAsync(Ct)).Samples.ShouldBe(1);
    }

    [Fact]
    public async Task SyncOnce_NoIburst_OneSample()
    {
        using var chrony = ChronyServer.Start();
        await SetServersAsync("""["127.0.0.1"]""");
        var service = new TimeSyncService(_api!, Path.Combine(Path.GetDirectoryName(_server.Root)!, "t.json"), new RecordingTime(), _ => { }, _ => { }, chrony.Port);

        (await service.SyncOnceAsync(Ct)).Samples.ShouldBe(1);
    }

    [Fact]
    public async Task Run_MinpollAndMaxpoll_WaitsBetweenPollsWithinTheBounds()
    {
        using var chrony = ChronyServer.Start();
        await SetNtpAsync("""{"time-servers":["127.0.0.1"],"options":["minpoll","4","maxpoll","5"]}""");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var time = new RecordingTime(stopAfter: 3, stop);
        var service = new TimeSyncService(_api!, Path.Combine(Path.GetDirectoryName(_server.Root)!, "t.json"), time, _ => { }, _ => { }, chrony.Port);

        await Should.ThrowAsync<OperationCanceledException>(() => service.RunAsync(stop.Token));

        // Exactly when it doubles depends on the offsets measured (PollScheduleTests pins that); the bounds hold regardless.
        time.Waits.Count.ShouldBe(3);
        time.Waits[0].ShouldBe(TimeSpan.FromSeconds(16));
        time.Waits.ShouldAllBe(w => w == TimeSpan.FromSeconds(16) || w == TimeSpan.FromSeconds(32));
    }

    private Task SetServersAsync(string json) => SetNtpAsync("{\"time-servers\":" + json + "}");

    private async Task SetNtpAsync(string ntp)
    {
        using var patch = new HttpRequestMessage(HttpMethod.Patch, "/settings") { Content = new StringContent("{\"ntp\":" + ntp + "}", Encoding.UTF8, "application/json") };
        (await _api!.SendAsync(patch, Ct)).EnsureSuccessStatusCode();
        (await _api.PostAsync("/tx/commit_and_apply", null, Ct)).EnsureSuccessStatusCode();
    }

    // The system clock, but every wait is recorded and ends at once, so the schedule is tested without sleeping.
    private sealed class RecordingTime(int stopAfter = int.MaxValue, CancellationTokenSource? stop = null) : TimeProvider
    {
        public List<TimeSpan> Waits { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (Waits)
            {
                Waits.Add(dueTime);
                if (Waits.Count >= stopAfter)
                {
                    stop!.Cancel();
                }
            }

            return base.CreateTimer(callback, state, TimeSpan.Zero, period);
        }
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
