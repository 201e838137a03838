using Hull.Api;
using Hull.Settings;
using Hull.Tests.TestSupport;

namespace Hull.Tests.Api;

public sealed class RemoteTlsTests
{
    private static readonly TestCertificates Certs = new("remote-tls");

    private static RemoteTls? FromUserData(string extra) =>
        RemoteTls.From(UserDataSettings.Parse(Certs.RemoteApiUserData(extra), "test").Settings["api"]?["remote"] as System.Text.Json.Nodes.JsonObject);

    [Fact]
    public void From_TomlPort_IsTheListenerPort()
    {
        FromUserData("port = 8443")!.Port.ShouldBe(8443);
        FromUserData("")!.Port.ShouldBe(443);
    }

    [Fact]
    public void From_Disabled_IsNoListener()
    {
        FromUserData("enabled = false").ShouldBeNull();
    }

    [Fact]
    public void From_MissingKey_IsNoListener()
    {
        RemoteTls.From(new System.Text.Json.Nodes.JsonObject { ["server-certificate"] = Certs.ServerPem }).ShouldBeNull();
    }

    [Fact]
    public void IsTrustedClient_OwnCaAndStranger_AreToldApart()
    {
        var tls = FromUserData("")!;
        tls.IsTrustedClient(Certs.Client()).ShouldBeTrue();
        tls.IsTrustedClient(new TestCertificates("stranger").Client()).ShouldBeFalse();
        tls.IsTrustedClient(null).ShouldBeFalse();
    }
}
