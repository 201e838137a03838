using System.Net;
using System.Text.Json;
using Hull.Api;
using Hull.Tests.Containers;
using Hull.Testing.Oci;

namespace Hull.Tests.Api;

/// <summary>POST /images/import and `hull ctl import` against a real containerd: the image is then CRI's to run.</summary>
public sealed class ImageImportApiTests(SandboxContainerdFixture containerd) : IClassFixture<SandboxContainerdFixture>, IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private ApiServerTests? _server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = new ApiServerTests { ContainerdSocket = containerd.Daemon.SocketPath };
        await _server.InitializeAsync();
    }

    [Fact]
    public async Task CtlImport_OciArchive_LandsInContainerdUnderItsName()
    {
        var archive = TestImages.BusyboxHttpd("imported\n").WriteLayout(_temp.File("layout"), "registry.test/imported:1").WriteArchive(_temp.File("image.tar"));
        using var client = ApiClient.ForUnixSocket(Path.Combine(Path.GetDirectoryName(_server!.Root)!, "api.sock"));
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await Hull.Ctl.CtlRunner.RunAsync(client, ["import", archive], output, error, Ct);

        code.ShouldBe(0, error.ToString());
        JsonSerializer.Deserialize(output.ToString(), ApiJsonContext.Default.ListImportedImageInfo)!.Single().Name.ShouldBe("registry.test/imported:1");
        // CRI learns of the image from containerd's events, a moment after the import answered.
        await Hull.Containers.SandboxImage.WaitUntilListedAsync(containerd.Cri, "registry.test/imported:1", TimeProvider.System, Ct);
    }

    [Fact]
    public async Task Import_NotAnArchive_IsRefusedNamingTheProblem()
    {
        using var client = ApiClient.ForUnixSocket(Path.Combine(Path.GetDirectoryName(_server!.Root)!, "api.sock"));

        using var response = await client.PostAsync("/images/import", new ByteArrayContent("not a tar"u8.ToArray()), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(Ct), ApiJsonContext.Default.ApiError)!.Error.ShouldNotBeNullOrWhiteSpace();
    }

    public async ValueTask DisposeAsync()
    {
        await _server!.DisposeAsync();
        _temp.Dispose();
    }
}
