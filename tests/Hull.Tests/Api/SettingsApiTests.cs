using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;

namespace Hull.Tests.Api;

/// <summary>The settings endpoints on the real server (over its Unix socket) with a real datastore on disk.</summary>
public sealed class SettingsApiTests : ApiServerClient
{
    [Fact]
    public async Task GetSettings_FreshHost_HasDefaultsAndTheUserData()
    {
        var settings = await GetObjectAsync("/settings");
        settings["motd"]!.GetValue<string>().ShouldBe("Welcome to Hull!");
        settings["api"]!["remote"]!["enabled"]!.GetValue<bool>().ShouldBeTrue();
        settings["updates"]!["seed"]!.GetValue<int>().ShouldBeInRange(0, 2047);

        var userData = JsonSerializer.Deserialize(await Client.GetStringAsync("/user-data", Ct), ApiJsonContext.Default.UserDataStatus)!;
        userData.Applied.ShouldBeTrue();
        userData.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetSettings_KeysAndPrefix_SelectWholeSegments()
    {
        var byKeys = await GetObjectAsync("/settings?keys=settings.motd,kernel.lockdown");
        byKeys.Select(kv => kv.Key).Order().ShouldBe(["kernel", "motd"]);

        var byPrefix = await GetObjectAsync("/settings?prefix=settings.host-containers.admin");
        byPrefix["host-containers"]!.AsObject().Select(kv => kv.Key).ShouldBe(["admin"]);
    }

    [Fact]
    public async Task PatchCommitAndApply_MotdHostnameSysctl_TakeEffectOnTheHost()
    {
        await PatchAsync("""{"motd":"hello from a test","network":{"hostname":"web-1"},"kernel":{"sysctl":{"net.ipv4.ip_forward":"1"}}}""", HttpStatusCode.NoContent);
        (await GetObjectAsync("/tx"))["settings"]!["motd"]!.GetValue<string>().ShouldBe("hello from a test");

        using var response = await Client.PostAsync("/tx/commit_and_apply", null, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var changed = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), ApiJsonContext.Default.ListString)!;
        changed.ShouldBe(["settings.kernel.sysctl.\"net.ipv4.ip_forward\"", "settings.motd", "settings.network.hostname"], ignoreOrder: true);

        File.ReadAllText(Path.Combine(Server.Root, "etc/motd")).ShouldBe("hello from a test\n");
        File.ReadAllText(Path.Combine(Server.Root, "etc/hostname")).ShouldBe("web-1\n");
        File.ReadAllText(Path.Combine(Server.Root, "etc/hosts")).ShouldContain("127.0.1.1 web-1");
        Server.Hostnames.ShouldContain("web-1");
        File.ReadAllText(Path.Combine(Server.Root, "proc/sys/net/ipv4/ip_forward")).ShouldBe("1");
        (await GetObjectAsync("/host/sysctl?names=net.ipv4.ip_forward"))["net.ipv4.ip_forward"]!.GetValue<string>().ShouldBe("1");
        JsonSerializer.Deserialize(await Client.GetStringAsync("/tx/list", Ct), ApiJsonContext.Default.ListString).ShouldBeEmpty();
    }

    [Fact]
    public async Task CommitAndApply_DnsSettings_WriteResolvConf()
    {
        await PatchAsync("""{"dns":{"name-servers":["192.0.2.53","2001:db8::53"],"search-list":["corp.example","example"]}}""", HttpStatusCode.NoContent);
        using var response = await Client.PostAsync("/tx/commit_and_apply", null, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        File.ReadAllText(Path.Combine(Server.Root, "etc/resolv.conf")).ShouldBe(
            "# Written by hull from settings.dns.\nsearch corp.example example\nnameserver 192.0.2.53\nnameserver 2001:db8::53\n");
    }

    [Fact]
    public async Task CommitAndApply_RegistryMirrors_WriteContainerdHostsFiles()
    {
        await PatchAsync("""{"container-registry":{"mirrors":[{"registry":"10.0.2.2:5000","endpoint":["http://10.0.2.2:5000"]},{"registry":"*","endpoint":["https://mirror.example","http://10.0.2.2:5001"]},{"registry":"../../etc","endpoint":["https://x.example"]}]}}""", HttpStatusCode.NoContent);
        using var response = await Client.PostAsync("/tx/commit_and_apply", null, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        var local = File.ReadAllText(Path.Combine(Server.Root, "etc/containerd/certs.d/10.0.2.2:5000/hosts.toml"));
        var fallback = File.ReadAllText(Path.Combine(Server.Root, "etc/containerd/certs.d/_default/hosts.toml"));

        // Tomlyn's parser (through the user-data reader) checks the TOML containerd will read.
        var (parsed, _, errors) = Hull.Settings.TomlJsonReader.Read(fallback, "hosts.toml");
        errors.ShouldBeEmpty();
        var hosts = parsed["host"]!.AsObject();
        hosts.Select(kv => kv.Key).ShouldBe(["https://mirror.example", "http://10.0.2.2:5001"]);
        hosts["https://mirror.example"]!["capabilities"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["pull", "resolve"]);
        local.ShouldContain("[host.\"http://10.0.2.2:5000\"]");
        Directory.GetFiles(Path.Combine(Server.Root, "etc/containerd/certs.d"), "*", SearchOption.AllDirectories).Length.ShouldBe(2);
    }

    [Fact]
    public async Task CommitAndApply_ManyClientsAtOnce_AllSucceedAndTheHostShowsWhatIsLive()
    {
        // Concurrent applies used to race on /etc/motd.tmp and answer 500 to some clients.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 16).Select(async c =>
        {
            var seen = new List<HttpStatusCode>();
            for (var i = 0; i < 5; i++)
            {
                using var patch = await SendPatchAsync($$"""{"motd":"client {{c}} round {{i}}"}""", $"?tx=c{c}");
                using var commit = await Client.PostAsync($"/tx/commit_and_apply?tx=c{c}", null, Ct);
                seen.Add(commit.StatusCode);
            }

            return seen;
        }));

        statuses.SelectMany(s => s).ShouldAllBe(s => s == HttpStatusCode.OK);
        var live = (await GetObjectAsync("/settings"))["motd"]!.GetValue<string>();
        File.ReadAllText(Path.Combine(Server.Root, "etc/motd")).ShouldBe(live + "\n");
    }

    [Fact]
    public async Task Patch_DatastoreWriteFails_AnswersAnErrorAndTheServerStops()
    {
        // The journal turned into a directory: the next append fails, and only a fresh open can trust the disk.
        var journal = Path.Combine(Path.GetDirectoryName(Server.Root)!, "datastore", "journal");
        File.Delete(journal);
        Directory.CreateDirectory(journal);

        using var response = await SendPatchAsync("""{"motd":"lost"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        Server.App.Lifetime.ApplicationStopping.IsCancellationRequested.ShouldBeTrue();
    }

    [Fact]
    public async Task CtlRun_AllOptions_DeclareTheWorkloadInSettings()
    {
        var error = new StringWriter();
        var code = await Hull.Ctl.CtlRunner.RunAsync(Client,
            ["run", "web", "registry.test/web:1", "--replicas", "2", "--port", "8080:80", "--port", "53/udp", "--env", "A=b=c", "--volume", "data:/data:ro",
             "--health", "http:80/healthz", "--restart", "on-failure", "--cpus", "0.5", "--memory", "64Mi", "--user-namespace", "--", "/bin/app", "--flag"],
            TextWriter.Null, error, Ct);
        var scaled = await Hull.Ctl.CtlRunner.RunAsync(Client, ["scale", "web", "3"], TextWriter.Null, error, Ct);

        code.ShouldBe(0, error.ToString());
        scaled.ShouldBe(0, error.ToString());
        var web = (await GetObjectAsync("/settings?prefix=settings.workloads.web"))["workloads"]!["web"]!;
        web.ToJsonString().ShouldBe(JsonNode.Parse("""
            {"command":["/bin/app","--flag"],"cpus":"0.5","env":{"A":"b=c"},"health-check":{"path":"/healthz","port":80,"type":"http"},
             "image":"registry.test/web:1","memory":"64Mi","ports":[{"container-port":80,"protocol":"tcp","host-port":8080},{"container-port":53,"protocol":"udp"}],
             "replicas":3,"restart-policy":"on-failure","user-namespace":true,"volumes":[{"name":"data","path":"/data","read-only":true}]}
            """)!.ToJsonString());
    }

    [Theory]
    [InlineData("--port", "80:x")]
    [InlineData("--health", "grpc:80")]
    [InlineData("--volume", "data")]
    [InlineData("--replicas", "many")]
    public async Task CtlRun_BadOption_IsAUsageErrorNamingIt(string option, string value)
    {
        var error = new StringWriter();

        var code = await Hull.Ctl.CtlRunner.RunAsync(Client, ["run", "web", "registry.test/web:1", option, value], TextWriter.Null, error, Ct);

        code.ShouldBe(2);
        error.ToString().ShouldContain($"'{option} {value}' is not understood");
    }

    [Fact]
    public async Task Patch_InvalidValues_RefusedNamingEachKeyAndNothingStaged()
    {
        using var response = await SendPatchAsync("""{"network":{"hostname":"my host"},"ntp":{"time-servers":["bad server"]},"nope":1}""");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), ApiJsonContext.Default.ApiError)!;
        error.Details!.Count.ShouldBe(3);
        error.Error.ShouldContain("settings.network.hostname");
        error.Error.ShouldContain("settings.ntp.time-servers");
        error.Error.ShouldContain("settings.nope");

        (await GetObjectAsync("/tx"))["settings"].ShouldBeNull();
    }

    [Fact]
    public async Task Patch_NotJson_IsABadRequest()
    {
        using var content = new StringContent("motd=hi", Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/settings") { Content = content };
        using var response = await Client.SendAsync(request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Transactions_NamedAndDeleted_LeaveLiveAlone()
    {
        await PatchAsync("""{"motd":"staged"}""", HttpStatusCode.NoContent, "?tx=mine");
        (await GetObjectAsync("/settings?tx=mine"))["motd"]!.GetValue<string>().ShouldBe("staged");
        (await GetObjectAsync("/settings"))["motd"]!.GetValue<string>().ShouldBe("Welcome to Hull!");
        JsonSerializer.Deserialize(await Client.GetStringAsync("/tx/list", Ct), ApiJsonContext.Default.ListString).ShouldBe(["mine"]);

        using var deleted = await Client.DeleteAsync("/tx?tx=mine", Ct);
        JsonSerializer.Deserialize(await deleted.Content.ReadAsStringAsync(Ct), ApiJsonContext.Default.ListString).ShouldBe(["settings.motd"]);
        JsonSerializer.Deserialize(await Client.GetStringAsync("/tx/list", Ct), ApiJsonContext.Default.ListString).ShouldBeEmpty();
    }

    [Fact]
    public async Task Ctl_SetGetApply_DriveTheSameApi()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Task<int> Ctl(params string[] args) => Hull.Ctl.CtlRunner.RunAsync(Client, args, output, error, Ct);

        // A value that parses as JSON is JSON (as in apiclient): a sysctl wants a string, so "1" is quoted.
        (await Ctl("set", "kernel.sysctl.\"net.ipv4.ip_forward\"=1")).ShouldBe(1);
        error.ToString().ShouldContain("expected a string, got a number");
        (await Ctl("set", "motd=set by ctl", "host-containers.admin.enabled=true", "kernel.sysctl.\"net.ipv4.ip_forward\"=\"1\"")).ShouldBe(0, error.ToString());
        File.ReadAllText(Path.Combine(Server.Root, "etc/motd")).ShouldBe("set by ctl\n");
        File.ReadAllText(Path.Combine(Server.Root, "proc/sys/net/ipv4/ip_forward")).ShouldBe("1");
        (await GetObjectAsync("/settings"))["host-containers"]!["admin"]!["enabled"]!.GetValue<bool>().ShouldBeTrue();

        output.GetStringBuilder().Clear();
        (await Ctl("get", "motd")).ShouldBe(0);
        JsonNode.Parse(output.ToString())!["settings"]!["motd"]!.GetValue<string>().ShouldBe("set by ctl");

        (await Ctl("set", "network.hostname=not valid")).ShouldBe(1);
        error.ToString().ShouldContain("settings.network.hostname");

        var toml = Path.Combine(Path.GetDirectoryName(Server.Root)!, "change.toml");
        File.WriteAllText(toml, "[settings]\nmotd = \"from a file\"\n[settings.network]\nhostname = \"db-2\"\n");
        (await Ctl("apply", toml)).ShouldBe(0, error.ToString());
        File.ReadAllText(Path.Combine(Server.Root, "etc/motd")).ShouldBe("from a file\n");
        Server.Hostnames.ShouldContain("db-2");

        File.WriteAllText(toml, "[settings]\nmotto = \"typo\"\n");
        (await Ctl("apply", toml)).ShouldBe(2);
        error.ToString().ShouldContain("settings.motto");

        (await Ctl("set", "no-equals-sign")).ShouldBe(2);
    }

    [Fact]
    public async Task DryRun_StagedChange_ShowsFileDiffsAndTouchesNothing()
    {
        await PatchAsync("""{"motd":"dry","kernel":{"sysctl":{"net.ipv4.ip_forward":"1"}}}""", HttpStatusCode.NoContent, "?tx=try");
        var motdBefore = File.ReadAllText(Path.Combine(Server.Root, "etc/motd"));

        using var response = await Client.PostAsync("/tx/dry-run?tx=try", null, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), ApiJsonContext.Default.DryRunResult)!;

        result.ChangedKeys.ShouldBe(["settings.kernel.sysctl.\"net.ipv4.ip_forward\"", "settings.motd"], ignoreOrder: true);
        var motd = result.Files.Single(f => f.Path == "/etc/motd");
        motd.Before.ShouldBe(motdBefore);
        motd.After.ShouldBe("dry\n");
        var sysctl = result.Files.Single(f => f.Path == "/proc/sys/net/ipv4/ip_forward");
        sysctl.Before.ShouldBe("0\n");
        sysctl.After.ShouldBe("1");

        // Nothing was written, nothing committed.
        File.ReadAllText(Path.Combine(Server.Root, "etc/motd")).ShouldBe(motdBefore);
        File.ReadAllText(Path.Combine(Server.Root, "proc/sys/net/ipv4/ip_forward")).ShouldBe("0\n");
        JsonSerializer.Deserialize(await Client.GetStringAsync("/tx/list", Ct), ApiJsonContext.Default.ListString).ShouldBe(["try"]);
    }

    [Fact]
    public async Task CommitAndApply_HttpsProxy_RendersContainerdsEnvironmentAndRestartsIt()
    {
        await PatchAsync("""{"network":{"https-proxy":"http://proxy.example:3128"}}""", HttpStatusCode.NoContent, "?tx=proxy");
        Server.Restarter.Calls.ShouldBeEmpty("the boot's apply changed nothing that needs a restart");

        using var response = await Client.PostAsync("/tx/commit_and_apply?tx=proxy", null, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        Server.Restarter.Calls.ShouldBe([["containerd"]]);
        File.ReadAllText(Path.Combine(Server.Root, "etc/hull/containerd.env")).ShouldContain("HTTPS_PROXY=http://proxy.example:3128\n");
    }

    [Fact]
    public async Task Metadata_ConfigurationFilesAndAffectedServices_DescribeTheApplier()
    {
        var files = JsonSerializer.Deserialize(await Client.GetStringAsync("/configuration-files", Ct), ApiJsonContext.Default.ListConfigurationFileInfo)!;
        files.Single(f => f.Name == "motd").Path.ShouldBe("/etc/motd");
        files.Single(f => f.Name == "hosts").Settings.ShouldContain("settings.network.hosts");

        var affected = JsonSerializer.Deserialize(await Client.GetStringAsync("/metadata/affected-services?keys=settings.motd,network.hostname", Ct), ApiJsonContext.Default.DictionaryStringListString)!;
        affected.Keys.ShouldBe(["settings.motd", "network.hostname"], ignoreOrder: true);
        affected.Values.ShouldAllBe(services => services.Count == 0);
        files.Single(f => f.Name == "containerd.env").ShouldSatisfyAllConditions(
            f => f.Path.ShouldBe("/etc/hull/containerd.env"),
            f => f.Services.ShouldBe(["containerd"]),
            f => f.Settings.ShouldBe(["settings.network.http-proxy", "settings.network.https-proxy", "settings.network.no-proxy"]));

        // A proxy restarts containerd; the whole network table names it too, since it holds the proxies.
        var proxies = JsonSerializer.Deserialize(await Client.GetStringAsync("/metadata/affected-services?keys=network.https-proxy,settings.network,network.hosts", Ct), ApiJsonContext.Default.DictionaryStringListString)!;
        proxies["network.https-proxy"].ShouldBe(["containerd"]);
        proxies["settings.network"].ShouldBe(["containerd"]);
        proxies["network.hosts"].ShouldBeEmpty();

        using var missing = await Client.GetAsync("/metadata/affected-services", Ct);
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task<JsonObject> GetObjectAsync(string path)
    {
        var node = JsonNode.Parse(await Client.GetStringAsync(path, Ct))!;
        return node as JsonObject ?? [];
    }

    private async Task PatchAsync(string json, HttpStatusCode expected, string query = "")
    {
        using var response = await SendPatchAsync(json, query);
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync(Ct));
    }

    private Task<HttpResponseMessage> SendPatchAsync(string json, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, "/settings" + query) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return Client.SendAsync(request, Ct);
    }
}
