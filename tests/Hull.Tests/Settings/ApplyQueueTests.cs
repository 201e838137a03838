using Hull.Settings;

namespace Hull.Tests.Settings;

public sealed class ApplyQueueTests
{
    private static readonly ConfigurationFile Hosts = new("hosts", "/etc/hosts", ["settings.network.hosts"], [], _ => null);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_CallersArriveDuringARun_FoldedIntoOneRunWithTheUnionOfKeys()
    {
        var runs = new List<IReadOnlyCollection<string>?>();
        var firstRunMayFinish = new TaskCompletionSource();
        var queue = new ApplyQueue(async (keys, _) =>
        {
            runs.Add(keys);
            if (runs.Count == 1)
            {
                await firstRunMayFinish.Task;
            }

            return [];
        });

        var first = queue.ApplyAsync(["settings.motd"], Ct);
        var waiting = new[]
        {
            queue.ApplyAsync(["settings.network.hosts"], Ct),
            queue.ApplyAsync(["settings.motd", "settings.dns.name-servers"], Ct),
        };
        firstRunMayFinish.SetResult();
        await first;
        await Task.WhenAll(waiting);

        runs.Count.ShouldBe(2);
        runs[1].ShouldBe(["settings.network.hosts", "settings.motd", "settings.dns.name-servers"], ignoreOrder: true);
    }

    [Fact]
    public async Task Apply_AFileOfAnotherCallerFails_EachHearsOnlyItsOwn()
    {
        var gate = new TaskCompletionSource();
        var calls = 0;
        var queue = new ApplyQueue(async (_, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await gate.Task;
                return [];
            }

            return [new ApplyFailure(Hosts, "disk full")];
        });

        var blocker = queue.ApplyAsync(["settings.motd"], Ct);
        var motd = queue.ApplyAsync(["settings.motd"], Ct);
        var hosts = queue.ApplyAsync(["settings.network.hosts"], Ct);
        var everything = queue.ApplyAsync(null, Ct);
        gate.SetResult();
        await blocker;

        (await motd).ShouldBeEmpty();
        (await hosts).ShouldHaveSingleItem().ToString().ShouldBe("hosts (/etc/hosts): disk full");
        (await everything).Count.ShouldBe(1);
    }
}
