using Hull.Builder.Debian;

namespace Hull.Builder.Tests.Debian;

public sealed class AptClientTests
{
    [Fact]
    public void ParseSimulatedInstalls_AptGetSimulateOutput_NamesAndVersionsOfInstLinesOnly()
    {
        const string plan = """
            Reading package lists...
            Building dependency tree...
            The following NEW packages will be installed:
              containerd libc6 libgcc-s1 runc
            0 upgraded, 4 newly installed, 0 to remove and 0 not upgraded.
            Inst gcc-12-base (12.2.0-14+deb12u1 Debian:12.15/oldstable [amd64])
            Inst libgcc-s1 (12.2.0-14+deb12u1 Debian:12.15/oldstable [amd64]) []
            Inst runc (1.1.5+ds1-1+deb12u1 Debian:12.15/oldstable, Debian-Security:12/oldstable-security [amd64])
            Inst tzdata (2025b-0+deb12u1 Debian:12.15/oldstable [all])
            Conf gcc-12-base (12.2.0-14+deb12u1 Debian:12.15/oldstable [amd64])
            Inst libc6 [2.36-9] (2.36-9+deb12u14 Debian:12.15/oldstable [amd64])
            """;

        AptClient.ParseSimulatedInstalls(plan).ShouldBe(
        [
            ("gcc-12-base", "12.2.0-14+deb12u1"), ("libgcc-s1", "12.2.0-14+deb12u1"), ("runc", "1.1.5+ds1-1+deb12u1"),
            ("tzdata", "2025b-0+deb12u1"), ("libc6", "2.36-9+deb12u14"),
        ]);
    }

    [Fact]
    public async Task ResolveInstallSetAsync_RealApt_ClosureOfDependenciesWithHashes()
    {
        // The build machine's apt (./hull setup runs apt-get update): runc needs libseccomp2 and libc6.
        var set = await AptClient.ResolveInstallSetAsync(["runc"], TestContext.Current.CancellationToken);

        set.Select(p => p.Name).ShouldContain("runc");
        set.Select(p => p.Name).ShouldContain("libseccomp2");
        set.Select(p => p.Name).ShouldContain("libc6");
        set.ShouldAllBe(p => p.Sha256.Length == 64 && p.Size > 0);
    }
}
