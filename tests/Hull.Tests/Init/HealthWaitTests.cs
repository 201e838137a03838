using Hull.Init;
using Microsoft.Extensions.Time.Testing;

namespace Hull.Tests.Init;

public sealed class HealthWaitTests
{
    [Fact]
    public async Task UntilHealthyAsync_HealthyAtThirdPoll_ReturnsNullAndKeptTheWatchdogAliveEachPoll()
    {
        var time = new FakeTimeProvider();
        var polls = 0;
        var keptAlive = 0;
        var waiting = HealthWait.UntilHealthyAsync(
            () => Task.FromResult(++polls < 3 ? "service containerd is not ready" : null), () => keptAlive++, TimeSpan.FromMinutes(5), time, CancellationToken.None);

        while (!waiting.IsCompleted)
        {
            time.Advance(HealthWait.Poll);
            await Task.Yield();
        }

        (await waiting).ShouldBeNull();
        polls.ShouldBe(3);
        keptAlive.ShouldBe(3);
    }

    [Fact]
    public async Task UntilHealthyAsync_NeverHealthy_ReturnsTheLastProblemAtTheDeadline()
    {
        var time = new FakeTimeProvider();
        var polls = 0;
        var waiting = HealthWait.UntilHealthyAsync(
            () => Task.FromResult<string?>($"workload web: 0 of 1 replicas healthy (poll {++polls})"), () => { }, TimeSpan.FromSeconds(10), time, CancellationToken.None);

        for (var i = 0; i < 20 && !waiting.IsCompleted; i++)
        {
            time.Advance(HealthWait.Poll);
            await Task.Yield();
        }

        waiting.IsCompleted.ShouldBeTrue();
        (await waiting).ShouldBe($"workload web: 0 of 1 replicas healthy (poll {polls})");
        polls.ShouldBe(6);   // at 0, 2, 4, 6, 8 and 10 s
    }

    [Fact]
    public async Task UntilHealthyAsync_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = HealthWait.UntilHealthyAsync(() => Task.FromResult<string?>("not yet"), () => { }, TimeSpan.FromMinutes(5), new FakeTimeProvider(), cancel.Token);
        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => waiting);
    }
}
