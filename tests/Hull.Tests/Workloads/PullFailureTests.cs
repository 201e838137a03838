using Hull.Workloads;

namespace Hull.Tests.Workloads;

/// <summary>A workload's message when its pull fails.</summary>
public sealed class PullFailureTests
{
    [Fact]
    public void Message_UnknownAuthority_SaysToTrustTheCaThroughSettingsPki()
    {
        // containerd 1.6's words for a registry whose CA the host does not trust.
        const string reason = "CRI PullImage image 10.0.2.100:5443/web:1: failed to pull and unpack image \"10.0.2.100:5443/web:1\": failed to resolve reference \"10.0.2.100:5443/web:1\": failed to do request: Head \"https://10.0.2.100:5443/v2/web/manifests/1\": x509: certificate signed by unknown authority";

        PullFailure.Message("10.0.2.100:5443/web:1", reason).ShouldBe(
            "cannot pull 10.0.2.100:5443/web:1: the registry's TLS certificate is not signed by a CA the host trusts (add that CA to settings.pki with trusted = true): " + reason);
    }

    [Fact]
    public void Message_OtherFailure_ContainerdsReasonAsItIs()
    {
        PullFailure.Message("registry.test/x:1", "not found").ShouldBe("cannot pull registry.test/x:1: not found");
    }
}
