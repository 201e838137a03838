using Hull.Builder.Debian;
using Hull.Builder.Tests.TestSupport;

namespace Hull.Builder.Tests.Debian;

public sealed class AptSourceTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void For_MachineSuite_IsTheMachinesAptWithoutOptions()
    {
        var source = AptSource.For("bookworm", _temp.Path);

        source.ShouldBeSameAs(AptSource.Host);
        source.Options.ShouldBeEmpty();
    }

    [Fact]
    public void For_OtherSuite_PointsAptAtAPrivateStateUnderTheCache()
    {
        var options = string.Join(' ', AptSource.For("trixie", _temp.Path).Options);

        options.ShouldContain($"Dir::Etc::SourceList={_temp.Path}/apt/trixie/sources.list");
        options.ShouldContain($"Dir::State::Lists={_temp.Path}/apt/trixie/lists");
        options.ShouldContain("Dir::Etc::SourceParts=/dev/null");
    }

    [Fact]
    public void SourcesList_Suite_MainUpdatesAndSecurityFromDebianSignedByItsKeyring()
    {
        AptSource.SourcesList("trixie").ShouldBe(
            "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main\n" +
            "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie-updates main\n" +
            "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian-security trixie-security main\n");
    }

    [Fact]
    public async Task ResolveCandidateAsync_PrivateTrixieSource_FindsTheLockedContainerdAndLeavesTheMachinesAptAlone()
    {
        // Debian's archive, as `./hull build` reaches it: the lock's containerd comes from trixie.
        var source = AptSource.For("trixie", _temp.Path);
        await source.EnsureListsAsync(refresh: false, TestContext.Current.CancellationToken);

        var candidate = await AptClient.ResolveCandidateAsync("containerd", source, TestContext.Current.CancellationToken);

        candidate.Suite.ShouldBe("trixie");
        candidate.Version.ShouldStartWith("1.7.");
        candidate.Sha256.Length.ShouldBe(64);
        var onTheMachine = await AptClient.ResolveCandidateAsync("containerd", AptSource.Host, TestContext.Current.CancellationToken);
        onTheMachine.Version.ShouldStartWith("1.6.");
    }
}
