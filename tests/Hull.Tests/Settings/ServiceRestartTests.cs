using System.Text.Json.Nodes;
using Hull.Datastore;
using Hull.Init;
using Hull.Settings;
using Hull.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Hull.Tests.Settings;

/// <summary>
/// Which services an apply restarts: those of the files whose content it changed, once each, and the same ones
/// the dry run announced. The settings service over the in-memory datastore, a temporary root prepared as PID 1
/// leaves /etc, and a recorder in place of PID 1's control socket.
/// </summary>
public sealed class ServiceRestartTests : IDisposable
{
    private const string Proxy = "http://proxy.example:3128";

    private readonly TempDirectory _dir = new();
    private readonly RecordingRestarter _restarter = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string EnvironmentFile => Path.Combine(_dir.File("root"), ContainerdEnvironment.Path.TrimStart('/'));

    private string BaseSpecFile => Path.Combine(_dir.File("root"), OciDefaults.Path.TrimStart('/'));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ApplyEverything_AtBootWithoutProxies_RestartsNothing()
    {
        await StartAsync();

        _restarter.Calls.ShouldBeEmpty();
        File.ReadAllText(EnvironmentFile).ShouldBe(ContainerdEnvironment.Render([]));
    }

    [Fact]
    public async Task ApplyEverything_AtBootWithAProxy_RestartsContainerdOnce()
    {
        var store = new InMemoryDatastore();
        var first = await StartAsync(store);
        await CommitAsync(first, Https(Proxy));
        _restarter.Calls.Count.ShouldBe(1);

        // The next boot: PID 1 writes the proxy-less file again before containerd starts, the apiserver renders the proxy.
        WriteBootEnvironment();
        await StartAsync(store);

        _restarter.Calls.Count.ShouldBe(2);
        _restarter.Calls[1].ShouldBe(["containerd"]);
    }

    [Fact]
    public async Task CommitAndApply_HttpsProxy_ContainerdRestartedOnceAsTheDryRunSaid()
    {
        var settings = await StartAsync();
        (await settings.PatchAsync(Https(Proxy), "proxy", Ct)).Succeeded.ShouldBeTrue();
        var dryRun = (await settings.DryRunAsync("proxy", Ct)).Value!;

        var applied = (await settings.CommitAndApplyAsync("proxy", null, Ct)).Value!;

        applied.Failures.ShouldBeEmpty();
        dryRun.Services.ShouldBe(["containerd"]);
        _restarter.Calls.ShouldBe([dryRun.Services]);
        File.ReadAllText(EnvironmentFile).ShouldContain($"HTTPS_PROXY={Proxy}\nhttps_proxy={Proxy}\nNO_PROXY=localhost,127.0.0.1\nno_proxy=localhost,127.0.0.1\n");
    }

    [Fact]
    public async Task CommitAndApply_ContentUnchanged_NothingRestartedAndTheDryRunSaysSo()
    {
        var settings = await StartAsync();
        await CommitAsync(settings, Https(Proxy));

        // The same value again, and an unrelated key: the file stays as it is. A no-proxy entry beside the proxy changes it.
        (await settings.PatchAsync(Https(Proxy), "same", Ct)).Succeeded.ShouldBeTrue();
        (await settings.DryRunAsync("same", Ct)).Value!.Services.ShouldBeEmpty();
        await CommitAsync(settings, Https(Proxy));
        await CommitAsync(settings, new() { ["motd"] = "unrelated" });
        _restarter.Calls.Count.ShouldBe(1);

        await CommitAsync(settings, new() { ["network"] = new JsonObject { ["no-proxy"] = new JsonArray(".corp.example") } });
        _restarter.Calls.Count.ShouldBe(2);
        File.ReadAllText(EnvironmentFile).ShouldContain("NO_PROXY=localhost,127.0.0.1,.corp.example\n");
    }

    [Fact]
    public async Task CommitAndApply_NoProxyWithoutAProxy_FileUnchangedNothingRestarted()
    {
        var settings = await StartAsync();

        await CommitAsync(settings, new() { ["network"] = new JsonObject { ["no-proxy"] = new JsonArray(".corp.example") } });

        _restarter.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task CommitAndApply_RestartRefused_FailureNamesTheFileAndTheService()
    {
        var settings = await StartAsync();
        _restarter.Refusal = "cannot reach PID 1 on /run/hull/init.sock: Connection refused";
        (await settings.PatchAsync(Https(Proxy), "proxy", Ct)).Succeeded.ShouldBeTrue();

        var applied = (await settings.CommitAndApplyAsync("proxy", null, Ct)).Value!;

        applied.Failures.Select(f => f.ToString()).ShouldBe([
            $"containerd.env ({ContainerdEnvironment.Path}): written, but restarting containerd failed: cannot reach PID 1 on /run/hull/init.sock: Connection refused",
        ]);
    }

    [Fact]
    public async Task Revert_UnconfirmedProxy_ContainerdRestartedAgainWithoutIt()
    {
        var settings = await StartAsync();
        (await settings.PatchAsync(Https(Proxy), "guarded", Ct)).Succeeded.ShouldBeTrue();
        (await settings.CommitAndApplyAsync("guarded", TimeSpan.FromMinutes(1), Ct)).Succeeded.ShouldBeTrue();

        _time.Advance(TimeSpan.FromMinutes(1));
        await settings.LastRevert;

        _restarter.Calls.ShouldBe([["containerd"], ["containerd"]]);
        File.ReadAllText(EnvironmentFile).ShouldBe(ContainerdEnvironment.Render([]));
    }

    [Fact]
    public async Task ApplyEverything_AtBootWithoutOciDefaults_BaseSpecAsPid1WroteIt()
    {
        await StartAsync();

        _restarter.Calls.ShouldBeEmpty();
        File.ReadAllText(BaseSpecFile).ShouldBe(OciDefaults.Render([]));
    }

    [Fact]
    public async Task CommitAndApply_OciDefaults_ContainerdRestartedOnceWithTheNewBaseSpec()
    {
        var settings = await StartAsync();
        var limit = JsonNode.Parse("""{"oci-defaults": {"resource-limits": {"max-open-files": {"soft-limit": 4096, "hard-limit": 8192}}}}""")!.AsObject();
        (await settings.PatchAsync(limit, "limits", Ct)).Succeeded.ShouldBeTrue();
        var dryRun = (await settings.DryRunAsync("limits", Ct)).Value!;

        (await settings.CommitAndApplyAsync("limits", null, Ct)).Value!.Failures.ShouldBeEmpty();

        dryRun.Services.ShouldBe(["containerd"]);
        dryRun.Files.Single().Path.ShouldBe(OciDefaults.Path);
        _restarter.Calls.ShouldBe([["containerd"]]);
        File.ReadAllText(BaseSpecFile).ShouldContain("\"type\": \"RLIMIT_NOFILE\"");

        // Removed again, the file is containerd's default once more, and containerd reads it again.
        (await settings.RemoveAsync(["oci-defaults"], "gone", Ct)).Succeeded.ShouldBeTrue();
        (await settings.CommitAndApplyAsync("gone", null, Ct)).Succeeded.ShouldBeTrue();
        _restarter.Calls.ShouldBe([["containerd"], ["containerd"]]);
        File.ReadAllText(BaseSpecFile).ShouldBe(OciDefaults.Render([]));
    }

    [Fact]
    public void Metadata_EveryFilesServices_AreHostServicesButNeverTheApiserver()
    {
        var settings = JsonNode.Parse("""
            {"kernel": {"sysctl": {"net.ipv4.ip_forward": "1"}},
             "container-registry": {"mirrors": [{"registry": "*", "endpoint": ["https://mirror.example"]}]},
             "network": {"https-proxy": "http://proxy:3128"}}
            """)!.AsObject();
        var names = Services.Definitions().Select(d => d.Name).ToList();

        var services = ConfigurationFiles.For(settings).SelectMany(f => f.Services).ToList();

        services.ShouldContain("containerd");
        services.ShouldAllBe(s => names.Contains(s) && s != Services.ApiServer);
    }

    private static JsonObject Https(string proxy) => new() { ["network"] = new JsonObject { ["https-proxy"] = proxy } };

    private async Task<SettingsService> StartAsync(IDatastore? store = null)
    {
        if (!File.Exists(EnvironmentFile))
        {
            WriteBootEnvironment();
        }

        _dir.Write("root/sys/kernel/security/lockdown", "[none] integrity confidentiality\n"); // the kernel's, for the default lockdown

        var settings = new SettingsService(store ?? new InMemoryDatastore(), new SettingsApplier(_dir.File("root"), _ => { }, TextWriter.Null), SettingsDefaults.DefaultVariant, _time, restarter: _restarter);
        await settings.EnsureDefaultsAsync(Ct);
        await settings.ResumeConfirmationAsync(Ct);
        (await settings.ApplyAsync(null, Ct)).ShouldBeEmpty();
        return settings;
    }

    // What PID 1's EtcFiles writes every boot, before any service starts: the files containerd reads, as the defaults render them.
    private void WriteBootEnvironment() => EtcFiles.WriteContainerdSettingsDefaults(_dir.File("root"));

    private async Task CommitAsync(SettingsService settings, JsonObject patch)
    {
        var tx = Guid.NewGuid().ToString("N");
        (await settings.PatchAsync(patch, tx, Ct)).Succeeded.ShouldBeTrue();
        (await settings.CommitAndApplyAsync(tx, null, Ct)).Value!.Failures.ShouldBeEmpty();
    }
}
