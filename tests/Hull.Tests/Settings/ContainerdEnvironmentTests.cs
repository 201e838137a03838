using System.Text.Json.Nodes;
using Hull.Settings;

namespace Hull.Tests.Settings;

/// <summary>containerd's environment file from the proxy settings.</summary>
public sealed class ContainerdEnvironmentTests
{
    private const string Comment = "# containerd's environment, from settings.network.http-proxy, https-proxy and no-proxy; PID 1 reads it whenever it starts containerd.\n";

    [Fact]
    public void Render_BothProxiesAndNoProxy_UpperAndLowerCaseWithLocalhostFirst()
    {
        var settings = JsonNode.Parse("""{"network": {"http-proxy": "proxy.example:3128", "https-proxy": "http://proxy.example:3129", "no-proxy": [".corp.example", "localhost", "10.0.0.0/8"]}}""")!.AsObject();

        ContainerdEnvironment.Render(settings).ShouldBe(Comment + """
            HTTP_PROXY=proxy.example:3128
            http_proxy=proxy.example:3128
            HTTPS_PROXY=http://proxy.example:3129
            https_proxy=http://proxy.example:3129
            NO_PROXY=localhost,127.0.0.1,.corp.example,10.0.0.0/8
            no_proxy=localhost,127.0.0.1,.corp.example,10.0.0.0/8

            """);
    }

    [Fact]
    public void Render_HttpsProxyAlone_DefaultNoProxy()
    {
        var settings = JsonNode.Parse("""{"network": {"https-proxy": "http://proxy.example:3128"}}""")!.AsObject();

        ContainerdEnvironment.Render(settings).ShouldBe(Comment + "HTTPS_PROXY=http://proxy.example:3128\nhttps_proxy=http://proxy.example:3128\nNO_PROXY=localhost,127.0.0.1\nno_proxy=localhost,127.0.0.1\n");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"network": {"hostname": "h"}}""")]
    [InlineData("""{"network": {"no-proxy": [".corp.example"]}}""")]
    public void Render_NoProxy_OnlyTheCommentPid1WritesAtBoot(string json)
    {
        ContainerdEnvironment.Render(JsonNode.Parse(json)!.AsObject()).ShouldBe(Comment);
    }

    [Fact]
    public void Render_ValueWithANewline_RefusedNamingTheVariable()
    {
        var settings = JsonNode.Parse("""{"network": {"https-proxy": "http://proxy:3128\nEVIL=1"}}""")!.AsObject();

        Should.Throw<ArgumentException>(() => ContainerdEnvironment.Render(settings)).Message.ShouldStartWith("the value for HTTPS_PROXY has a control character");
    }
}
