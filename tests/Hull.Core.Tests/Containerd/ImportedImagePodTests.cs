using System.Net;
using System.Net.Sockets;
using Hull.Cri.V1;
using ContainerdImages = Hull.Testing.Containerd.TestImages;

namespace Hull.Core.Tests.Containerd;

/// <summary>
/// What an import is for: CRI runs it. The pod's sandbox is the imported pause image (the test
/// containerd's sandbox_image), its container the imported two-layer httpd, reached from here over
/// the host network: both layers' files served means the unpack stacked them right.
/// </summary>
public sealed class ImportedImagePodTests(ImporterFixture containerd) : IClassFixture<ImporterFixture>, IDisposable
{
    private const string HttpdImage = "hull.test/two-layers:pod";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task RunPodSandboxAsync_ImportedPauseAndHttpd_ContainerServesBothLayers()
    {
        await using (var archive = File.OpenRead(ContainerdImages.WriteArchive(_temp.File("pause.tar"))))
        {
            await containerd.Importer.ImportArchiveAsync(archive, null, Ct);
        }

        var port = LoopbackPort.Free();
        TwoLayerImage.Write(_temp.File("httpd"), HttpdImage, port);
        await containerd.Importer.ImportLayoutAsync(_temp.File("httpd"), null, Ct);
        await containerd.CriImageAsync(ContainerdImages.Pause);
        await containerd.CriImageAsync(HttpdImage);

        var pod = HostNetworkPod();
        var podId = await containerd.Cri.RunPodSandboxAsync(pod, "", Ct);
        try
        {
            (await containerd.Cri.PodSandboxStatusAsync(podId, Ct)).ShouldNotBeNull().State.ShouldBe(PodSandboxState.SandboxReady);
            var container = new ContainerConfig { Metadata = new ContainerMetadata { Name = "httpd" }, Image = new ImageSpec { Image = HttpdImage }, LogPath = "httpd.log" };
            var id = await containerd.Cri.CreateContainerAsync(podId, container, pod, Ct);
            await containerd.Cri.StartContainerAsync(id, Ct);

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            (await GetWhenUpAsync(http, "index.html")).ShouldBe("two layers");
            (await http.GetStringAsync("second.txt", Ct)).ShouldBe(TwoLayerImage.SecondFileText);
        }
        finally
        {
            await containerd.Cri.StopPodSandboxAsync(podId, Ct);
            await containerd.Cri.RemovePodSandboxAsync(podId, Ct);
        }
    }

    private PodSandboxConfig HostNetworkPod() => new()
    {
        Metadata = new PodSandboxMetadata { Name = "imported", Namespace = "hull-test", Uid = Guid.NewGuid().ToString("N") },
        LogDirectory = Directory.CreateDirectory(_temp.File("logs")).FullName,
        Linux = new LinuxPodSandboxConfig
        {
            SecurityContext = new LinuxSandboxSecurityContext { NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Node } },
        },
    };

    // httpd starts a moment after StartContainer returns: retry until it answers.
    private async Task<string> GetWhenUpAsync(HttpClient http, string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await http.GetStringAsync(path, Ct);
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                await Task.Delay(100, Ct);
            }
            catch (HttpRequestException e)
            {
                throw new InvalidOperationException($"httpd never answered on {http.BaseAddress}:\n{containerd.Daemon.Log}", e);
            }
        }
    }


    public void Dispose() => _temp.Dispose();
}
