using Hull.Init;
using Hull.Tests.TestSupport;

namespace Hull.Tests.Init;

public sealed class MachineIdentityTests
{
    [Fact]
    public void Ensure_FirstBoot_CreatesIdOnStateAndEtc()
    {
        using var dir = new TempDirectory();
        var id = MachineIdentity.Ensure(dir.File("machine-id"), dir.File("etc-machine-id"));

        id.Length.ShouldBe(32);
        id.All(char.IsAsciiHexDigitLower).ShouldBeTrue();
        File.ReadAllText(dir.File("machine-id")).ShouldBe(id + "\n");
        File.ReadAllText(dir.File("etc-machine-id")).ShouldBe(id + "\n");
    }

    [Fact]
    public void Ensure_LaterBoot_KeepsTheStoredId()
    {
        using var dir = new TempDirectory();
        var first = MachineIdentity.Ensure(dir.File("machine-id"), dir.File("etc1"));
        MachineIdentity.Ensure(dir.File("machine-id"), dir.File("etc2")).ShouldBe(first);
    }

    [Fact]
    public void Ensure_DamagedStoredId_IsReplaced()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("machine-id"), "not an id");
        var id = MachineIdentity.Ensure(dir.File("machine-id"), dir.File("etc"));
        id.Length.ShouldBe(32);
        File.ReadAllText(dir.File("machine-id")).Trim().ShouldBe(id);
    }
}
