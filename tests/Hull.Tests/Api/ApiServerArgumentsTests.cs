using System.Net;
using Hull.Api;
using Hull.Settings;

namespace Hull.Tests.Api;

public sealed class ApiServerArgumentsTests
{
    [Fact]
    public void WithArguments_None_KeepsTheHostsPathsAndListensOnEveryInterface()
    {
        var options = ApiServer.WithArguments(new ApiServerOptions(), []);
        options.SocketPath.ShouldBe(ApiServer.SocketPath);
        options.UserDataPath.ShouldBe(ApiServer.UserDataCopy);
        options.Root.ShouldBe("/");
        options.RemoteAddress.ShouldBe(IPAddress.Any);
    }

    [Fact]
    public void WithArguments_Sandbox_PointsIntoItsFoldersAndListensOnLoopbackOnly()
    {
        var options = ApiServer.WithArguments(new ApiServerOptions(), ["--socket", "/tmp/s/api.sock", "--state", "/tmp/s/state", "--root", "/tmp/s/root"]);
        options.SocketPath.ShouldBe("/tmp/s/api.sock");
        options.UserDataPath.ShouldBe("/tmp/s/state/user-data.toml");
        options.DatastoreDirectory.ShouldBe("/tmp/s/state/datastore");
        options.UserDataStatusFile.ShouldBe("/tmp/s/state/user-data-status.json");
        options.Root.ShouldBe("/tmp/s/root");
        options.RemoteAddress.ShouldBe(IPAddress.Loopback);
        options.Restarter.ShouldBe(NoServiceRestarts.Instance);
    }

    [Fact]
    public void WithArguments_UnknownOption_NamesIt()
    {
        Should.Throw<ArgumentException>(() => ApiServer.WithArguments(new ApiServerOptions(), ["--port", "8443"]))
            .Message.ShouldContain("--port");
    }
}
