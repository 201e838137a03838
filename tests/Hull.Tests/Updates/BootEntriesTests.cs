using Hull.Updates;

namespace Hull.Tests.Updates;

/// <summary>The ESP's entries on a temp folder: the renames an update goes through.</summary>
public sealed class BootEntriesTests : IDisposable
{
    private static readonly HullVersion V2 = new(2, 0, 0);
    private readonly TempDirectory _dir = new();
    private readonly BootEntries _esp;

    public BootEntriesTests()
    {
        _esp = new BootEntries(_dir.Path);
        _dir.Write("EFI/Linux/hull-1.0.0-a.efi", [1]);
        _dir.Write("EFI/Linux/other.efi", [2]);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void StageActivateDeactivate_TheNamesSystemdBootSees()
    {
        File.WriteAllBytes(_esp.StagingTempPath(V2, 'b'), [3]);
        _esp.CommitStaged(V2, 'b').FileName.ShouldBe("hull-2.0.0-b.efi.staged");
        Names().ShouldBe(["hull-1.0.0-a.efi", "hull-2.0.0-b.efi.staged", "other.efi"]);

        _esp.Activate('b').FileName.ShouldBe("hull-2.0.0-b+3.efi");
        Names().ShouldBe(["hull-1.0.0-a.efi", "hull-2.0.0-b+3.efi", "other.efi"]);

        _esp.Deactivate('b').FileName.ShouldBe("hull-2.0.0-b.efi.staged");
        File.ReadAllBytes(_dir.File("EFI/Linux/hull-2.0.0-b.efi.staged")).ShouldBe([3]);
    }

    [Fact]
    public void MarkGood_TriedEntry_CounterDropped()
    {
        _dir.Write("EFI/Linux/hull-2.0.0-b+1-2.efi", [4]);

        _esp.MarkGood("hull-2.0.0-b+1-2.efi").FileName.ShouldBe("hull-2.0.0-b.efi");

        Names().ShouldBe(["hull-1.0.0-a.efi", "hull-2.0.0-b.efi", "other.efi"]);
    }

    [Fact]
    public void MarkBad_GoodEntry_NoTriesLeft()
    {
        _esp.MarkBad('a').FileName.ShouldBe("hull-1.0.0-a+0.efi");

        _esp.List().Single().State.ShouldBe(BootEntryState.Bad);
    }

    [Fact]
    public void DeleteSlot_EveryEntryAndTempFileOfTheSlot_OthersKept()
    {
        _dir.Write("EFI/Linux/hull-2.0.0-b+0-3.efi", [1]);
        _dir.Write("EFI/Linux/hull-2.1.0-b.efi.staged", [1]);
        _dir.Write("EFI/Linux/.hull-2.2.0-b.efi.staged.part", [1]);

        _esp.DeleteSlot('b');

        Names().ShouldBe(["hull-1.0.0-a.efi", "other.efi"]);
    }

    [Fact]
    public void Activate_NothingStaged_RefusalNamesTheFolderAndSlot()
    {
        Should.Throw<IOException>(() => _esp.Activate('b')).Message.ShouldBe($"{_esp.Directory}: slot b has no staged entry to activate");
    }

    [Fact]
    public void List_NoEspFolder_Empty()
    {
        new BootEntries(_dir.File("missing")).List().ShouldBeEmpty();
    }

    private List<string> Names() => [.. Directory.GetFiles(_esp.Directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
}
