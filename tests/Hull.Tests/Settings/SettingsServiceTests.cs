using Hull.Datastore;
using Hull.Settings;

namespace Hull.Tests.Settings;

/// <summary>The settings service over the in-memory datastore and a temporary root.</summary>
public sealed class SettingsServiceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Apply_ManyAtOnce_NoneFailsAndTheFileHoldsLive()
    {
        Directory.CreateDirectory(_dir.File("root/etc"));
        var service = new SettingsService(new InMemoryDatastore(), new SettingsApplier(_dir.File("root"), _ => { }, TextWriter.Null), SettingsDefaults.DefaultVariant);
        await service.EnsureDefaultsAsync(Ct);

        var failures = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            (await service.PatchAsync(new() { ["motd"] = $"round {i}" }, $"t{i}", Ct)).Succeeded.ShouldBeTrue();
            await service.CommitAsync($"t{i}", Ct);
            return await service.ApplyAsync(["settings.motd"], Ct);
        }, Ct)));

        failures.SelectMany(f => f).ShouldBeEmpty();
        var live = (await service.GetAsync(["motd"], null, null, Ct)).Value!["motd"]!.GetValue<string>();
        File.ReadAllText(_dir.File("root/etc/motd")).ShouldBe(live + "\n");
    }
}
