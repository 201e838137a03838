using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;

namespace Hull.Tests.Api;

/// <summary>PATCH /settings/keypair, the body apiclient's <c>set KEY=VALUE</c> sends, on the real server.</summary>
public sealed class SettingsKeyPairApiTests : ApiServerClient
{
    [Fact]
    public async Task PatchKeyPair_ValidPairs_StagedInTheTransactionThenApplied()
    {
        using (var response = await PatchAsync("/settings/keypair?tx=kp", """{"request_payload":["motd=hi there","settings.kernel.lockdown=integrity","host-containers.admin.enabled=false"]}"""))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync(Ct));
        }

        var pending = JsonNode.Parse(await Client.GetStringAsync("/tx?tx=kp", Ct))!["settings"]!;
        pending["motd"]!.GetValue<string>().ShouldBe("hi there");
        pending["kernel"]!["lockdown"]!.GetValue<string>().ShouldBe("integrity");
        pending["host-containers"]!["admin"]!["enabled"]!.GetValue<bool>().ShouldBeFalse();

        (await Client.PostAsync("/tx/commit_and_apply?tx=kp", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        File.ReadAllText(Path.Combine(Server.Root, "etc/motd")).ShouldBe("hi there\n");
    }

    [Fact]
    public async Task PatchKeyPair_ValueOfTheWrongType_RefusedNamingTheKeyAndNothingStaged()
    {
        // As in Bottlerocket, 1 is typed as a number, and a sysctl is a string.
        using var response = await PatchAsync("/settings/keypair?tx=kp", """{"request_payload":["motd=fine","kernel.sysctl.\"net.ipv4.ip_forward\"=1"]}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), ApiJsonContext.Default.ApiError)!;
        error.Error.ShouldBe("settings.kernel.sysctl.\"net.ipv4.ip_forward\": expected a string, got a number");
        JsonSerializer.Deserialize(await Client.GetStringAsync("/tx/list", Ct), ApiJsonContext.Default.ListString).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"request_payload":"motd=hi"}""", "request_payload")]
    [InlineData("""{"request_payload":[1]}""", "request_payload")]
    [InlineData("""{"motd":"hi"}""", "request_payload")]
    [InlineData("""not json""", "request_payload")]
    [InlineData("""{"request_payload":["motd"]}""", "\"motd\" is not KEY=VALUE")]
    [InlineData("""{"request_payload":["nope=1"]}""", "settings.nope: unknown setting")]
    public async Task PatchKeyPair_BadBody_IsABadRequestSayingWhy(string body, string expected)
    {
        using var response = await PatchAsync("/settings/keypair", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), ApiJsonContext.Default.ApiError)!.Error.ShouldContain(expected);
    }

    [Fact]
    public async Task PatchKeyPair_TrailingSlashAsInTheOpenApiDocument_IsTheSamePath()
    {
        using var response = await PatchAsync("/settings/keypair/", """{"request_payload":["motd=slash"]}""");

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        JsonNode.Parse(await Client.GetStringAsync("/tx", Ct))!["settings"]!["motd"]!.GetValue<string>().ShouldBe("slash");
    }

    private Task<HttpResponseMessage> PatchAsync(string path, string body) =>
        Client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") }, Ct);
}
