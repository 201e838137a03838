using System.Net;
using Hull.Testing.Http;
using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

public sealed class TufClientHttpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DownloadTarget_OverHttp_RootChainEndsAt404AndTheTargetVerifies()
    {
        using var s = TufScenario.Create();
        var image = TufScenario.Image(200_000, 2);
        s.Release("hull.img", image);
        using var server = new StaticHttpServer(s.RepoDir);
        using var http = new HttpClient();

        var result = await s.Client(new HttpTufTransport(http, server.BaseUri)).DownloadTargetAsync("hull.img", s.Download("hull.img"), Ct);

        result.Error.ShouldBeNull();
        File.ReadAllBytes(s.Download("hull.img")).ShouldBe(image);
    }

    [Fact]
    public async Task Refresh_ServerError_DownloadFailedNamingTheFile()
    {
        using var s = TufScenario.Create();
        using var server = new StaticHttpServer(s.RepoDir, path => path == "metadata/timestamp.json" ? HttpStatusCode.InternalServerError : null);
        using var http = new HttpClient();

        var result = await s.Client(new HttpTufTransport(http, server.BaseUri)).RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.DownloadFailed);
        result.Error.File.ShouldBe("timestamp.json");
        result.Error.Message.ShouldContain("500");
    }

    [Fact]
    public async Task DownloadTarget_MetadataAndTargetsUnderTwoBaseUrls_EachFetchedFromItsOwn()
    {
        using var s = TufScenario.Create();
        var image = TufScenario.Image(100_000, 3);
        s.Release("v2/root.img.zst", image);
        using var server = new StaticHttpServer(s.RepoDir);
        using var http = new HttpClient();
        var transport = new HttpTufTransport(http, new Uri(server.BaseUri, "metadata"), new Uri(server.BaseUri, "targets/"));

        var result = await s.Client(transport).DownloadTargetAsync("v2/root.img.zst", s.Download("root.img.zst"), Ct);

        result.Error.ShouldBeNull();
        File.ReadAllBytes(s.Download("root.img.zst")).ShouldBe(image);
    }
}
