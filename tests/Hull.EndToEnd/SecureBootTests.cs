using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Hull.Api;
using Hull.Builder.Run;

namespace Hull.EndToEnd;

/// <summary>The default image under OVMF with Secure Boot enforced: the full chain, up to the API over mutual TLS.</summary>
public sealed class SecureBootTests
{
    [Fact]
    public async Task Boot_SecureBootEnforced_ApiAnswersOverMutualTlsAndRefusesOthers()
    {
        var build = E2EBuild.Require();
        await using var host = await BootedHost.StartAsync(build, "secure-boot");

        var os = await host.WaitForApiAsync();
        os.SecureBoot.ShouldBe("enabled");
        os.ActiveSlot.ShouldBe("A");
        os.VersionId.ShouldBe(build.Version);
        os.VariantId.ShouldBe("default");
        os.MachineId.Length.ShouldBe(32);

        await host.EventuallyAsync(
            async () => (await host.GetAsync("/services", ApiJsonContext.Default.ListServiceStatus)).All(s => s.State == "ready"),
            TimeSpan.FromMinutes(2), "apiserver and containerd to be ready");
        var timeline = await host.GetAsync("/boot-timeline", ApiJsonContext.Default.ListTimelineEvent);
        timeline.Select(e => e.Event).ShouldContain("stage1.verity-open");
        timeline.Select(e => e.Event).ShouldContain("service.ready apiserver");

        // No client certificate: the TLS layer refuses before any HTTP is answered.
        (await TryGetAsync(host.Instance, clientCertificate: null)).ShouldBeFalse();

        // A certificate from a CA the host does not know: refused as well.
        var foreign = TlsMaterial.Create(E2EBuild.ScratchDirectory("foreign-ca"), TimeProvider.System);
        (await TryGetAsync(host.Instance, foreign.LoadClient())).ShouldBeFalse();

        // And the real client still gets in (the refusals above were not a dead listener).
        (await TryGetAsync(host.Instance, host.Instance.Tls.LoadClient())).ShouldBeTrue();
    }

    private static async Task<bool> TryGetAsync(Instance instance, X509Certificate2? clientCertificate)
    {
        using var client = ApiClient.ForRemote(instance.ApiAddress, clientCertificate, instance.Tls.LoadCa());
        try
        {
            using var response = await client.GetAsync("/os", TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or AuthenticationException or TaskCanceledException)
        {
            return false;
        }
    }
}
