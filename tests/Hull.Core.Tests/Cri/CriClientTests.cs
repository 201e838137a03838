using Hull.Cri;
using Hull.Testing.Containerd;

namespace Hull.Core.Tests.Cri;

/// <summary>The client against a real, empty containerd: what answers, and how refusals read.</summary>
public sealed class CriClientTests(ContainerdFixture containerd) : IClassFixture<ContainerdFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CriClient Cri => containerd.Cri;

    [Fact]
    public async Task VersionAsync_RealContainerd_IsContainerdSpeakingV1()
    {
        var version = await Cri.VersionAsync(Ct);

        version.RuntimeName.ShouldBe("containerd");
        version.RuntimeApiVersion.ShouldBe("v1");
        version.RuntimeVersion.ShouldStartWith("1.7.");
    }

    [Fact]
    public async Task ListImagesAsync_FreshContainerd_IsEmpty()
    {
        (await Cri.ListImagesAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListPodSandboxAndContainers_FreshContainerd_AreEmpty()
    {
        (await Cri.ListPodSandboxAsync(null, Ct)).ShouldBeEmpty();
        (await Cri.ListContainersAsync(null, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ImageStatusAsync_MissingImage_IsNull()
    {
        (await Cri.ImageStatusAsync("hull.test/missing:1", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task StatusAsync_UnknownPodAndContainer_AreNull()
    {
        (await Cri.PodSandboxStatusAsync("0123456789abcdef", Ct)).ShouldBeNull();
        (await Cri.ContainerStatusAsync("0123456789abcdef", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task StartContainerAsync_UnknownContainer_NotFoundNamingOperationAndContainer()
    {
        var error = await Should.ThrowAsync<CriException>(() => Cri.StartContainerAsync("feedfacecafe", Ct));

        error.Kind.ShouldBe(CriErrorKind.NotFound);
        error.Message.ShouldStartWith("CRI StartContainer container feedfacecafe: ");
    }

    [Fact]
    public async Task StopAndRemovePodSandboxAsync_UnknownPod_AreAlreadyDone()
    {
        // containerd 1.7 treats stopping or removing a pod that is not there as done (1.6 answered NotFound to the stop):
        // the managers' cleanup may repeat itself after a crash.
        await Cri.StopPodSandboxAsync("feedfacecafe", Ct);
        await Cri.RemovePodSandboxAsync("feedfacecafe", Ct);
    }

    [Fact]
    public async Task CreateContainerAsync_UnknownPod_ErrorNamesContainerAndPod()
    {
        var config = new Hull.Cri.V1.ContainerConfig
        {
            Metadata = new() { Name = "web" },
            Image = new() { Image = TestImages.Shell },
        };
        var error = await Should.ThrowAsync<CriException>(() => Cri.CreateContainerAsync("feedfacecafe", config, new(), Ct));

        error.Message.ShouldStartWith("CRI CreateContainer container web in pod sandbox feedfacecafe: ");
    }

    [Fact]
    public async Task PullImageAsync_NoRegistryListening_FailedNamingTheImage()
    {
        // Port 1 on loopback: nothing listens, so the pull fails at once without leaving the machine.
        const string reference = "127.0.0.1:1/hull/absent:1";
        var auth = new Hull.Cri.V1.AuthConfig { Username = "hull", Password = "not-a-secret" };
        var error = await Should.ThrowAsync<CriException>(() => Cri.PullImageAsync(reference, auth, null, Ct));

        error.Kind.ShouldBe(CriErrorKind.Failed, error.Message);
        error.Message.ShouldStartWith($"CRI PullImage image {reference}: ");
        error.Message.ShouldContain("connection refused");
    }

    [Fact]
    public async Task RemoveImageAsync_MissingImage_Succeeds()
    {
        await Cri.RemoveImageAsync("hull.test/missing:1", Ct);
    }

    [Fact]
    public async Task RunPodSandboxAsync_NoPauseImage_FailsNamingThePodAndThePauseImage()
    {
        var config = new Hull.Cri.V1.PodSandboxConfig
        {
            Metadata = new() { Name = "web", Namespace = "hull-test", Uid = "1" },
            Linux = new() { SecurityContext = new() { NamespaceOptions = new() { Network = Hull.Cri.V1.NamespaceMode.Node } } },
        };

        // The CRI plugin pulls a missing sandbox image; this one's registry does not exist.
        var error = await Should.ThrowAsync<CriException>(() => Cri.RunPodSandboxAsync(config, "", Ct));

        error.Message.ShouldStartWith("CRI RunPodSandbox pod hull-test/web (attempt 0): ");
        error.Message.ShouldContain(TestImages.Pause);
    }
}
