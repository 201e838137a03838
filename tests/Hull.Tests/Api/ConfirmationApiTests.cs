using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Ctl;
using Hull.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hull.Tests.Api;

/// <summary>Commits that revert unless confirmed, through the real server and hull ctl, on a fake clock.</summary>
public sealed class ConfirmationApiTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly ApiServerTests _server;
    private HttpClient? _client;

    public ConfirmationApiTests()
    {
        _server = new ApiServerTests(_time);
    }

    private HttpClient Client => _client!;

    private SettingsService Settings => _server.App.Services.GetRequiredService<SettingsService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _server.InitializeAsync();
        _client = ApiClient.ForUnixSocket(Path.Combine(Path.GetDirectoryName(_server.Root)!, "api.sock"));
    }

    [Fact]
    public async Task CommitAndApply_ConfirmWithin_AnswersWhatIsPendingAndConfirmKeepsIt()
    {
        await PatchAsync("""{"motd":"guarded"}""");

        using var response = await Client.PostAsync("/tx/commit_and_apply?confirm-within=60", null, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var reply = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), ApiJsonContext.Default.CommitReply)!;
        reply.Changed.ShouldBe(["settings.motd"]);
        var pending = reply.Confirmation.ShouldNotBeNull();
        pending.Deadline.ShouldBe(_time.GetUtcNow().AddSeconds(60));
        pending.SecondsLeft.ShouldBe(60);
        pending.Changes.ShouldHaveSingleItem().Before!.GetValue<string>().ShouldBe("Welcome to Hull!");
        File.ReadAllText(Path.Combine(_server.Root, "etc/motd")).ShouldBe("guarded\n");

        _time.Advance(TimeSpan.FromSeconds(15));
        var seen = JsonSerializer.Deserialize(await Client.GetStringAsync("/tx/pending-confirmation", Ct), ApiJsonContext.Default.ConfirmationView)!;
        seen.Id.ShouldBe(pending.Id);
        seen.SecondsLeft.ShouldBe(45);

        using var confirmed = await Client.PostAsync($"/tx/confirm?id={pending.Id}", null, Ct);
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        _time.Advance(TimeSpan.FromMinutes(5));
        await Settings.LastRevert;

        JsonNode.Parse(await Client.GetStringAsync("/settings?keys=motd", Ct))!["motd"]!.GetValue<string>().ShouldBe("guarded");
        (await Client.GetAsync("/tx/pending-confirmation", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CommitAndApply_NotConfirmed_RevertedAndSaidSo()
    {
        await PatchAsync("""{"motd":"forgotten"}""");
        (await Client.PostAsync("/tx/commit_and_apply?confirm-within=30", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        _time.Advance(TimeSpan.FromSeconds(30));
        await Settings.LastRevert;

        File.ReadAllText(Path.Combine(_server.Root, "etc/motd")).ShouldBe("Welcome to Hull!\n");
        using var confirm = await Client.PostAsync("/tx/confirm", null, Ct);
        confirm.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        JsonSerializer.Deserialize(await confirm.Content.ReadAsStringAsync(Ct), ApiJsonContext.Default.ApiError)!.Error.ShouldContain("was not confirmed by 2026-11-27T12:00:30");
    }

    [Fact]
    public async Task CommitAndApply_WhileAwaiting_ItsKeysConflict()
    {
        await PatchAsync("""{"motd":"guarded"}""");
        (await Client.PostAsync("/tx/commit_and_apply?confirm-within=60", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await PatchAsync("""{"motd":"other"}""", "?tx=other");

        using var response = await Client.PostAsync("/tx/commit_and_apply?tx=other", null, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), ApiJsonContext.Default.ApiError)!.Error.ShouldContain("settings.motd");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("soon")]
    [InlineData("86401")]
    public async Task CommitAndApply_BadConfirmWithin_RefusedNamingItAndNothingCommitted(string value)
    {
        await PatchAsync("""{"motd":"not yet"}""");

        using var response = await Client.PostAsync($"/tx/commit_and_apply?confirm-within={value}", null, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), ApiJsonContext.Default.ApiError)!.Error.ShouldStartWith("confirm-within:");
        JsonSerializer.Deserialize(await Client.GetStringAsync("/tx/list", Ct), ApiJsonContext.Default.ListString).ShouldBe(["default"]);
    }

    [Fact]
    public async Task Ctl_SetWithConfirmWithinThenConfirm()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Task<int> Ctl(params string[] args) => CtlRunner.RunAsync(Client, args, output, error, Ct);

        (await Ctl("set", "--confirm-within", "2m", "motd=from ctl")).ShouldBe(0, error.ToString());
        output.ToString().ShouldContain("reverted at 2026-11-27 12:02:00Z (120 s) unless confirmed: hull ctl confirm ");
        (await Ctl("pending-confirmation")).ShouldBe(0);
        output.ToString().ShouldContain("\"key\": \"settings.motd\"");

        (await Ctl("confirm")).ShouldBe(0, error.ToString());
        (await Ctl("pending-confirmation")).ShouldBe(1);
        error.ToString().ShouldContain("no commit is awaiting confirmation");

        (await Ctl("set", "motd=x", "--confirm-within", "soon")).ShouldBe(2);
        error.ToString().ShouldContain("--confirm-within: \"soon\"");
    }

    [Fact]
    public async Task Ctl_ApplyTwoFilesWithConfirmWithin_OneCommitRevertedWhole()
    {
        var dir = Path.GetDirectoryName(_server.Root)!;
        File.WriteAllText(Path.Combine(dir, "a.toml"), "[settings]\nmotd = \"from a\"\n");
        File.WriteAllText(Path.Combine(dir, "b.json"), """{"settings":{"network":{"hostname":"from-b"}}}""");
        var error = new StringWriter();

        (await CtlRunner.RunAsync(Client, ["apply", "--confirm-within", "60", Path.Combine(dir, "a.toml"), Path.Combine(dir, "b.json")], new StringWriter(), error, Ct)).ShouldBe(0, error.ToString());
        var pending = JsonSerializer.Deserialize(await Client.GetStringAsync("/tx/pending-confirmation", Ct), ApiJsonContext.Default.ConfirmationView)!;
        pending.Changes.Select(c => c.Key).ShouldBe(["settings.motd", "settings.network.hostname"]);

        _time.Advance(TimeSpan.FromSeconds(60));
        await Settings.LastRevert;

        var settings = JsonNode.Parse(await Client.GetStringAsync("/settings", Ct))!;
        settings["motd"]!.GetValue<string>().ShouldBe("Welcome to Hull!");
        settings["network"]?["hostname"].ShouldBeNull();
    }

    private async Task PatchAsync(string json, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/settings" + query) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await Client.SendAsync(request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync(Ct));
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await _server.DisposeAsync();
    }
}
