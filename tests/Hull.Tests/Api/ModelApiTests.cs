using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;

namespace Hull.Tests.Api;

/// <summary>GET / (Bottlerocket's model) and the metadata of where settings come from, on the real server.</summary>
public sealed class ModelApiTests : ApiServerClient
{
    [Fact]
    public async Task GetModel_NoPrefix_SettingsServicesConfigurationFilesAndOs()
    {
        var model = await GetAsync("/");

        model.Select(kv => kv.Key).ShouldBe(["settings", "services", "configuration-files", "os"], ignoreOrder: true);
        model["settings"]!["motd"]!.GetValue<string>().ShouldBe("Welcome to Hull!");
        model["configuration-files"]!["motd"]!["path"]!.GetValue<string>().ShouldBe("/etc/motd");
        model["configuration-files"]!["hosts"]!["settings"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldContain("settings.network.hosts");
        model["os"]!["pretty_name"]!.GetValue<string>().ShouldBe("Hull 9.9.9");
        model["os"]!["active_slot"]!.GetValue<string>().ShouldBe("B");
    }

    [Theory]
    [InlineData("se", "settings,services")]
    [InlineData("settings", "settings")]
    [InlineData("settings.motd", "settings")]
    [InlineData("os.arch", "os")]
    [InlineData("configuration-files.motd", "configuration-files")]
    [InlineData("nothing-here", "")]
    public async Task GetModel_Prefix_KeepsTheSectionsItMatches(string prefix, string sections)
    {
        var model = await GetAsync("/?prefix=" + Uri.EscapeDataString(prefix));

        model.Select(kv => kv.Key).ShouldBe(sections.Split(',', StringSplitOptions.RemoveEmptyEntries), ignoreOrder: true);
    }

    [Fact]
    public async Task GetModel_LongerPrefix_NarrowsTheSection()
    {
        (await GetAsync("/?prefix=settings.motd"))["settings"]!.AsObject().Select(kv => kv.Key).ShouldBe(["motd"]);
        (await GetAsync("/?prefix=os.arch"))["os"]!.AsObject().Select(kv => kv.Key).ShouldBe(["arch"]);
        (await GetAsync("/?prefix=configuration-files.mo"))["configuration-files"]!.AsObject().Select(kv => kv.Key).ShouldBe(["motd"]);
    }

    [Fact]
    public async Task GetModel_EmptyPrefix_IsABadRequest()
    {
        using var response = await Client.GetAsync("/?prefix=", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Templates_Keys_TheVariantDefaultsAtAndUnderEachKey()
    {
        var templates = await GetAsync("/metadata/templates?keys=motd,settings.host-containers.admin,settings.network.hostname");

        templates["settings.motd"]!.GetValue<string>().ShouldBe("Welcome to Hull!");
        templates["settings.host-containers.admin.enabled"]!.GetValue<bool>().ShouldBeFalse();
        templates["settings.host-containers.admin.source"]!.GetValue<string>().ShouldBe("localhost/hull/admin:latest");
        templates.ContainsKey("settings.network.hostname").ShouldBeFalse();
        templates.ContainsKey("settings.host-containers.control.enabled").ShouldBeFalse();

        using var missing = await Client.GetAsync("/metadata/templates", Ct);
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SettingGenerators_NameTheSeed()
    {
        var generators = JsonSerializer.Deserialize(await Client.GetStringAsync("/metadata/setting-generators", Ct), ApiJsonContext.Default.DictionaryStringString)!;

        generators.Keys.ShouldBe(["settings.updates.seed"]);
        generators["settings.updates.seed"].ShouldContain("0 to 2047");
    }

    private async Task<JsonObject> GetAsync(string path) => JsonNode.Parse(await Client.GetStringAsync(path, Ct))!.AsObject();
}
