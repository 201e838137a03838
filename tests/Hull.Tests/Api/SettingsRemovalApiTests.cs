using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hull.Tests.Api;

/// <summary>DELETE /settings: removals staged in a transaction, committed and applied, through the real server on a fake clock.</summary>
public sealed class SettingsRemovalApiTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly ApiServerTests _server;
    private HttpClient? _client;

    public SettingsRemovalApiTests()
    {
        _server = new ApiServerTests(_time);
    }

    private HttpClient Client => _client!;

    private string Root => _server.Root;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _server.InitializeAsync();
        _client = ApiClient.ForUnixSocket(Path.Combine(Path.GetDirectoryName(_server.Root)!, "api.sock"));
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Delete_Workload_StagedShownByTxAndGoneAfterCommitAndApply()
    {
        await SetAsync("""{"workloads":{"web":{"image":"registry.test/web:1","replicas":2,"env":{"A":"1"}},"db":{"image":"registry.test/db:1"}}}""");

        (await DeleteAsync("/settings?keys=workloads.web&tx=rm")).ShouldBe(HttpStatusCode.NoContent);

        (await GetObjectAsync("/tx?tx=rm")).ToJsonString().ShouldBe("""{"removed":["settings.workloads.web"]}""");
        (await GetObjectAsync("/settings?tx=rm"))["workloads"]!.AsObject().Select(kv => kv.Key).ShouldBe(["db"]);
        (await GetObjectAsync("/settings"))["workloads"]!.AsObject().Count.ShouldBe(2, "staged, not live");

        var changed = await CommitAndApplyAsync("rm");

        changed.ShouldBe(["settings.workloads.web.env.A", "settings.workloads.web.image", "settings.workloads.web.replicas"]);
        (await GetObjectAsync("/settings"))["workloads"]!.ToJsonString().ShouldBe("""{"db":{"image":"registry.test/db:1"}}""");
        JsonSerializer.Deserialize(await Client.GetStringAsync("/tx/list", Ct), ApiJsonContext.Default.ListString).ShouldBeEmpty();
    }

    [Fact]
    public async Task Delete_ByPrefixBesideSets_CommittedTogether()
    {
        await SetAsync("""{"workloads":{"web":{"image":"registry.test/web:1","env":{"OLD":"1"}}}}""");
        await PatchAsync("""{"workloads":{"web":{"image":"registry.test/web:2"}},"motd":"both"}""", "?tx=swap");

        (await DeleteAsync("/settings?prefix=settings.workloads.web&tx=swap")).ShouldBe(HttpStatusCode.NoContent);
        await PatchAsync("""{"workloads":{"web":{"image":"registry.test/web:2"}}}""", "?tx=swap");

        var staged = await GetObjectAsync("/tx?tx=swap");
        staged["removed"]!.ToJsonString().ShouldBe("""["settings.workloads.web"]""");
        staged["settings"]!.ToJsonString().ShouldBe("""{"motd":"both","workloads":{"web":{"image":"registry.test/web:2"}}}""");
        await CommitAndApplyAsync("swap");

        (await GetObjectAsync("/settings"))["workloads"]!.ToJsonString().ShouldBe("""{"web":{"image":"registry.test/web:2"}}""", "the table was replaced: env.OLD went");
        File.ReadAllText(Path.Combine(Root, "etc/motd")).ShouldBe("both\n");
    }

    [Fact]
    public async Task Delete_Sysctl_KernelValueGoesBackToWhatItWasBeforeHullWroteIt()
    {
        var sysctl = Path.Combine(Root, "proc/sys/net/ipv4/ip_forward");
        await SetAsync("""{"kernel":{"sysctl":{"net.ipv4.ip_forward":"1"}}}""");
        File.ReadAllText(sysctl).ShouldBe("1");

        (await DeleteAsync("/settings?keys=kernel.sysctl.%22net.ipv4.ip_forward%22&tx=rm")).ShouldBe(HttpStatusCode.NoContent);
        var dryRun = await DryRunAsync("rm");
        await CommitAndApplyAsync("rm");

        dryRun.Files.ShouldHaveSingleItem().ShouldBe(new FileDiff("/proc/sys/net/ipv4/ip_forward", "1", "0\n"));
        File.ReadAllText(sysctl).ShouldBe("0\n");
        (await GetObjectAsync("/settings"))["kernel"]!["sysctl"].ShouldBeNull();
    }

    [Fact]
    public async Task Delete_RegistryMirrors_TheirHostsFilesGo()
    {
        await SetAsync("""{"container-registry":{"mirrors":[{"registry":"docker.io","endpoint":["https://mirror.example"]}]}}""");
        var hosts = Path.Combine(Root, "etc/containerd/certs.d/docker.io/hosts.toml");
        File.Exists(hosts).ShouldBeTrue();

        (await DeleteAsync("/settings?keys=container-registry.mirrors&tx=rm")).ShouldBe(HttpStatusCode.NoContent);
        (await DryRunAsync("rm")).Files.ShouldHaveSingleItem().ShouldSatisfyAllConditions(f => f.Path.ShouldBe("/etc/containerd/certs.d/docker.io/hosts.toml"), f => f.After.ShouldBeNull());
        await CommitAndApplyAsync("rm");

        File.Exists(hosts).ShouldBeFalse();
    }

    [Fact]
    public async Task Delete_Hostname_BackToTheBootDefault()
    {
        await SetAsync("""{"network":{"hostname":"web-1"}}""");

        (await DeleteAsync("/settings?keys=network.hostname&tx=rm")).ShouldBe(HttpStatusCode.NoContent);
        await CommitAndApplyAsync("rm");

        File.ReadAllText(Path.Combine(Root, "etc/hostname")).ShouldBe("hull\n");
        File.ReadAllText(Path.Combine(Root, "etc/hosts")).ShouldContain("127.0.1.1 hull\n");
        _server.Hostnames[^1].ShouldBe("hull");
    }

    [Fact]
    public async Task Delete_KeysWithVariantDefaults_GoBackToTheDefaults()
    {
        await SetAsync("""{"motd":"custom","host-containers":{"admin":{"enabled":true,"user-data":"eA=="}}}""");

        (await DeleteAsync("/settings?keys=motd,host-containers.admin&tx=rm")).ShouldBe(HttpStatusCode.NoContent);
        var staged = await GetObjectAsync("/tx?tx=rm");
        await CommitAndApplyAsync("rm");

        staged["removed"]!.ToJsonString().ShouldBe("""["settings.host-containers.admin","settings.motd"]""");
        staged["settings"]!["motd"]!.GetValue<string>().ShouldBe("Welcome to Hull!");
        var live = await GetObjectAsync("/settings");
        live["motd"]!.GetValue<string>().ShouldBe("Welcome to Hull!");
        live["host-containers"]!["admin"]!.ToJsonString().ShouldBe("""{"enabled":false,"source":"localhost/hull/admin:latest","superpowered":true}""");
        File.ReadAllText(Path.Combine(Root, "etc/motd")).ShouldBe("Welcome to Hull!\n");
    }

    [Fact]
    public async Task Delete_NothingThere_Is404NamingTheKeyAndStagesNothing()
    {
        var (status, error) = await DeleteWithErrorAsync("/settings?keys=motd,workloads.nope&tx=rm");

        status.ShouldBe(HttpStatusCode.NotFound);
        error.ShouldStartWith("settings.workloads.nope: nothing to remove");
        JsonSerializer.Deserialize(await Client.GetStringAsync("/tx/list", Ct), ApiJsonContext.Default.ListString).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("updates.seed")]
    [InlineData("settings.updates")]
    [InlineData("settings")]
    public async Task Delete_RequiredKeyOrATableAboveIt_Is400NamingTheKeyAndWhy(string key)
    {
        var (status, error) = await DeleteWithErrorAsync($"/settings?keys={key}");

        status.ShouldBe(HttpStatusCode.BadRequest);
        error.ShouldStartWith("settings.updates.seed: cannot be removed (it is drawn once, on first boot");
    }

    [Fact]
    public async Task Delete_NoKeysOrABadOne_Is400()
    {
        (await DeleteWithErrorAsync("/settings")).Error.ShouldContain("missing required query parameter: keys");
        var (status, error) = await DeleteWithErrorAsync("/settings?keys=motd..x");
        status.ShouldBe(HttpStatusCode.BadRequest);
        error.ShouldContain("settings.motd..x");
    }

    [Fact]
    public async Task Commit_RemovalOfWhatAnotherCommitRemoved_Is404AndStaysPending()
    {
        await SetAsync("""{"workloads":{"web":{"image":"registry.test/web:1"}}}""");
        await DeleteAsync("/settings?keys=workloads.web&tx=first");
        await DeleteAsync("/settings?keys=workloads.web&tx=second");
        await CommitAndApplyAsync("first");

        using var response = await Client.PostAsync("/tx/commit_and_apply?tx=second", null, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), ApiJsonContext.Default.ApiError)!.Error
            .ShouldStartWith("settings.workloads.web: nothing to remove: transaction 'second' removes it");
        JsonSerializer.Deserialize(await Client.GetStringAsync("/tx/list", Ct), ApiJsonContext.Default.ListString).ShouldBe(["second"]);
    }

    [Fact]
    public async Task DeleteTx_WithRemovals_ListsThem()
    {
        await SetAsync("""{"network":{"hostname":"web-1"}}""");
        await DeleteAsync("/settings?keys=network.hostname&tx=rm");

        using var deleted = await Client.DeleteAsync("/tx?tx=rm", Ct);

        JsonSerializer.Deserialize(await deleted.Content.ReadAsStringAsync(Ct), ApiJsonContext.Default.ListString).ShouldBe(["settings.network.hostname"]);
    }

    [Fact]
    public async Task CommitAndApply_RemovalNotConfirmed_RevertBringsTheValuesBackAndApplied()
    {
        var sysctl = Path.Combine(Root, "proc/sys/net/ipv4/ip_forward");
        await SetAsync("""{"kernel":{"sysctl":{"net.ipv4.ip_forward":"1"}},"workloads":{"web":{"image":"registry.test/web:1"}}}""");
        await DeleteAsync("/settings?keys=workloads.web,kernel.sysctl&tx=rm");

        using var response = await Client.PostAsync("/tx/commit_and_apply?tx=rm&confirm-within=30", null, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var reply = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), ApiJsonContext.Default.CommitReply)!;
        reply.Confirmation.ShouldNotBeNull().Changes.Single(c => c.Key == "settings.workloads.web.image").After.ShouldBeNull();
        File.ReadAllText(sysctl).ShouldBe("0\n");

        _time.Advance(TimeSpan.FromSeconds(30));
        await _server.App.Services.GetRequiredService<SettingsService>().LastRevert;

        var live = await GetObjectAsync("/settings");
        live["workloads"]!["web"]!["image"]!.GetValue<string>().ShouldBe("registry.test/web:1");
        live["kernel"]!["sysctl"]!["net.ipv4.ip_forward"]!.GetValue<string>().ShouldBe("1");
        File.ReadAllText(sysctl).ShouldBe("1");
    }

    [Fact]
    public async Task CtlUnset_KeysGoAndTakeEffect()
    {
        await SetAsync("""{"motd":"custom","kernel":{"sysctl":{"net.ipv4.ip_forward":"1"}}}""");

        var (code, output, error) = await CtlAsync("unset", "motd", "settings.kernel.sysctl.\"net.ipv4.ip_forward\"");

        code.ShouldBe(0, error);
        JsonSerializer.Deserialize(output, ApiJsonContext.Default.ListString).ShouldBe(["settings.kernel.sysctl.\"net.ipv4.ip_forward\"", "settings.motd"]);
        File.ReadAllText(Path.Combine(Root, "etc/motd")).ShouldBe("Welcome to Hull!\n");
        File.ReadAllText(Path.Combine(Root, "proc/sys/net/ipv4/ip_forward")).ShouldBe("0\n");
        JsonSerializer.Deserialize(await Client.GetStringAsync("/tx/list", Ct), ApiJsonContext.Default.ListString).ShouldBeEmpty();
    }

    [Fact]
    public async Task CtlUnset_OneKeyNotThere_ExitsOneNamingItAndRemovesNothing()
    {
        await SetAsync("""{"network":{"hostname":"web-1"}}""");

        var (code, _, error) = await CtlAsync("unset", "network.hostname", "network.hosts");

        code.ShouldBe(1);
        error.ShouldContain("404 NotFound: settings.network.hosts: nothing to remove");
        (await GetObjectAsync("/settings"))["network"]!["hostname"]!.GetValue<string>().ShouldBe("web-1");
        JsonSerializer.Deserialize(await Client.GetStringAsync("/tx/list", Ct), ApiJsonContext.Default.ListString).ShouldBeEmpty("its own transaction is dropped");
    }

    [Fact]
    public async Task CtlSetAndUnset_WithTx_OnlyStageUntilTheTransactionIsCommitted()
    {
        await SetAsync("""{"workloads":{"web":{"image":"registry.test/web:1","env":{"OLD":"1"}}}}""");

        var unset = await CtlAsync("unset", "--tx", "swap", "workloads.web");
        var set = await CtlAsync("set", "workloads.web.image=registry.test/web:2", "--tx", "swap");

        unset.Code.ShouldBe(0, unset.Error);
        set.Code.ShouldBe(0, set.Error);
        unset.Output.ShouldContain("staged in transaction swap");
        (await GetObjectAsync("/settings"))["workloads"]!["web"]!["env"].ShouldNotBeNull();
        (await CtlAsync("raw", "-X", "POST", "/tx/commit_and_apply?tx=swap")).Code.ShouldBe(0);
        (await GetObjectAsync("/settings"))["workloads"]!.ToJsonString().ShouldBe("""{"web":{"image":"registry.test/web:2"}}""");
    }

    [Theory]
    [InlineData("unset")]
    [InlineData("unset", "--tx")]
    [InlineData("unset", "motd", "--tx", "t", "--confirm-within", "60s")]
    public async Task CtlUnset_BadUsage_ExitsTwo(params string[] args)
    {
        (await CtlAsync(args)).Code.ShouldBe(2);
    }

    [Fact]
    public async Task CtlRm_Workload_RemovesItAndLeavesTheOthers()
    {
        await SetAsync("""{"workloads":{"web":{"image":"registry.test/web:1","replicas":2},"db":{"image":"registry.test/db:1"}}}""");

        var (code, output, error) = await CtlAsync("rm", "web");

        code.ShouldBe(0, error);
        output.ShouldContain("settings.workloads.web.image");
        (await GetObjectAsync("/settings"))["workloads"]!.AsObject().Select(kv => kv.Key).ShouldBe(["db"]);
    }

    [Fact]
    public async Task CtlRm_UnknownWorkload_ExitsOneNamingItAndTheOnesThereAre()
    {
        await SetAsync("""{"workloads":{"web":{"image":"registry.test/web:1"},"db":{"image":"registry.test/db:1"}}}""");

        var (code, _, error) = await CtlAsync("rm", "wbe");
        var (dotted, _, _) = await CtlAsync("rm", "web.image");

        code.ShouldBe(1);
        error.ShouldBe("hull ctl: no workload named 'wbe' (settings.workloads has: db, web)\n");
        dotted.ShouldBe(1, "a dot is part of the name, never a way into the workload's keys");
        (await GetObjectAsync("/settings"))["workloads"]!["web"]!["image"].ShouldNotBeNull();
    }

    [Fact]
    public async Task CtlRm_NoWorkloads_SaysSo()
    {
        var (code, _, error) = await CtlAsync("rm", "web");

        code.ShouldBe(1);
        error.ShouldBe("hull ctl: no workload named 'web': settings.workloads is empty\n");
    }

    private async Task<(int Code, string Output, string Error)> CtlAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Hull.Ctl.CtlRunner.RunAsync(Client, args, output, error, Ct);
        return (code, output.ToString(), error.ToString().ReplaceLineEndings("\n"));
    }

    private async Task SetAsync(string json)
    {
        await PatchAsync(json, "?tx=setup");
        await CommitAndApplyAsync("setup");
    }

    private async Task PatchAsync(string json, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/settings" + query) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await Client.SendAsync(request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task<List<string>> CommitAndApplyAsync(string transaction)
    {
        using var response = await Client.PostAsync($"/tx/commit_and_apply?tx={transaction}", null, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize(body, ApiJsonContext.Default.ListString)!;
    }

    private async Task<DryRunResult> DryRunAsync(string transaction)
    {
        using var response = await Client.PostAsync($"/tx/dry-run?tx={transaction}", null, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize(body, ApiJsonContext.Default.DryRunResult)!;
    }

    private async Task<HttpStatusCode> DeleteAsync(string path)
    {
        using var response = await Client.DeleteAsync(path, Ct);
        return response.StatusCode;
    }

    private async Task<(HttpStatusCode Status, string Error)> DeleteWithErrorAsync(string path)
    {
        using var response = await Client.DeleteAsync(path, Ct);
        var error = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), ApiJsonContext.Default.ApiError)!;
        return (response.StatusCode, error.Error);
    }

    private async Task<JsonObject> GetObjectAsync(string path) => JsonNode.Parse(await Client.GetStringAsync(path, Ct)) as JsonObject ?? [];
}
