using Hull.Platform;

namespace Hull.Tests.Platform;

/// <summary>The lockdown level against a stand-in for securityfs's file under a temporary root.</summary>
public sealed class KernelLockdownTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private KernelLockdown WithKernelFile(string text)
    {
        _dir.Write("sys/kernel/security/lockdown", text);
        return new KernelLockdown(_dir.Path, mountSecurityFs: false);
    }

    private string KernelFile => File.ReadAllText(_dir.File("sys/kernel/security/lockdown"));

    [Theory]
    [InlineData("[none] integrity confidentiality\n", "none")]
    [InlineData("none [integrity] confidentiality\n", "integrity")]
    [InlineData("none integrity [confidentiality]\n", "confidentiality")]
    [InlineData("integrity\n", "integrity")]
    public void Parse_KernelText_TheBracketedLevel(string text, string level)
    {
        KernelLockdown.Parse(text).ShouldBe(level);
    }

    [Fact]
    public void Apply_Higher_WritesTheLevel()
    {
        WithKernelFile("[none] integrity confidentiality\n").Apply("confidentiality");
        KernelFile.ShouldBe("confidentiality");
    }

    [Fact]
    public void Apply_Same_WritesNothing()
    {
        // The kernel refuses the current level too (EPERM), so writing it would turn a no-op into a failure.
        WithKernelFile("none [integrity] confidentiality\n").Apply("integrity");
        KernelFile.ShouldBe("none [integrity] confidentiality\n");
    }

    [Theory]
    [InlineData("none [integrity] confidentiality\n", "none", "to confidentiality")]
    [InlineData("none integrity [confidentiality]\n", "integrity", "no further")]
    public void Apply_Lower_RefusedNamingTheKeyAndTheLevels(string text, string requested, string allowed)
    {
        var lockdown = WithKernelFile(text);

        var error = Should.Throw<IOException>(() => lockdown.Apply(requested));

        error.Message.ShouldStartWith("settings.kernel.lockdown: the kernel is locked down to");
        error.Message.ShouldContain($"never lowered to '{requested}'");
        error.Message.ShouldContain(allowed);
        KernelFile.ShouldBe(text);
    }

    [Fact]
    public void Apply_NoLockdownFile_RefusedNamingTheKey()
    {
        Should.Throw<IOException>(() => new KernelLockdown(_dir.Path, mountSecurityFs: false).Apply("integrity"))
            .Message.ShouldStartWith("settings.kernel.lockdown: this kernel has no lockdown");
    }

    [Fact]
    public void Current_NoLockdownFile_Null()
    {
        new KernelLockdown(_dir.Path, mountSecurityFs: false).Current().ShouldBeNull();
    }

    [Theory]
    [InlineData("none", "integrity", true)]
    [InlineData("none", "none", true)]
    [InlineData("integrity", "confidentiality", true)]
    [InlineData("integrity", "none", false)]
    [InlineData("confidentiality", "none", false)]
    [InlineData("confidentiality", "integrity", false)]
    public void Refusal_EveryPair_OnlyLoweringIsRefused(string current, string requested, bool allowed)
    {
        (KernelLockdown.Refusal(current, requested) is null).ShouldBe(allowed);
    }
}
