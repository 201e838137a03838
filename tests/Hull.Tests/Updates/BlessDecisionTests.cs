using System.Text;
using Hull.Updates;

namespace Hull.Tests.Updates;

/// <summary>Which entry a healthy host blesses: the FIELD-NOTES trap (LoaderBootCountPath is never cleared) as a table.</summary>
public sealed class BlessDecisionTests
{
    private static readonly string[] Listing = ["hull-1.0.0-a.efi", "hull-2.0.0-b+2-1.efi", "hull-3.0.0-a+0-3.efi"];

    [Theory]
    // The booted entry with a counter: bless it.
    [InlineData("hull-2.0.0-b+3.efi", @"\EFI\Linux\hull-2.0.0-b+2-1.efi", "hull-2.0.0-b+2-1.efi", "hull-2.0.0-b.efi")]
    // Case differs (FAT): still the same file.
    [InlineData("HULL-2.0.0-B+3.EFI", @"\EFI\Linux\hull-2.0.0-b+2-1.efi", "hull-2.0.0-b+2-1.efi", "hull-2.0.0-b.efi")]
    // Booted an entry without a counter: no count path at all.
    [InlineData("hull-1.0.0-a.efi", null, null, null)]
    // The trap: a stale count path from an earlier (refused) entry while a good one booted.
    [InlineData("hull-1.0.0-a.efi", @"\EFI\Linux\hull-2.0.0-b+2-1.efi", null, null)]
    // The trap, other way: the selected entry is the other version's.
    [InlineData("hull-3.0.0-a+1-2.efi", @"\EFI\Linux\hull-2.0.0-b+2-1.efi", null, null)]
    // Selected unknown: nothing confirms the count path.
    [InlineData(null, @"\EFI\Linux\hull-2.0.0-b+2-1.efi", null, null)]
    // The count path names a file that is no longer there.
    [InlineData("hull-2.0.0-b+2.efi", @"\EFI\Linux\hull-2.0.0-b+1-1.efi", null, null)]
    // Not a Hull entry.
    [InlineData("linux.efi", @"\EFI\Linux\linux+2.efi", null, null)]
    public void Decide_Variables_BlessesOnlyTheBootedCountedEntry(string? selected, string? countPath, string? file, string? newName)
    {
        var decision = BlessDecision.Decide(selected, countPath, Listing);

        decision.FileName.ShouldBe(file);
        decision.NewName.ShouldBe(newName);
        decision.Reason.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Decide_StaleCountPath_ReasonNamesBoth()
    {
        BlessDecision.Decide("hull-1.0.0-a.efi", @"\EFI\Linux\hull-2.0.0-b+2-1.efi", Listing).Reason
            .ShouldBe("LoaderBootCountPath names hull-2.0.0-b+2-1.efi but LoaderEntrySelected is hull-1.0.0-a.efi: a stale counter path (systemd-boot never clears it); nothing blessed");
    }

    [Fact]
    public void BlessBootedEntry_EfivarsAndEsp_RenamesTheBootedEntry()
    {
        using var dir = new TempDirectory();
        dir.Write("esp/EFI/Linux/hull-1.0.0-a.efi", [1]);
        dir.Write("esp/EFI/Linux/hull-2.0.0-b+2-1.efi", [2]);
        dir.Write("efivars/LoaderEntrySelected-4a67b082-0a4c-41cf-b6c7-440b29bb8c4f", Variable("hull-2.0.0-b+3.efi"));
        dir.Write("efivars/LoaderBootCountPath-4a67b082-0a4c-41cf-b6c7-440b29bb8c4f", Variable(@"\EFI\Linux\hull-2.0.0-b+2-1.efi"));
        var esp = new BootEntries(dir.File("esp"));

        var decision = LoaderVariables.BlessBootedEntry(esp, dir.File("efivars"));

        decision.NewName.ShouldBe("hull-2.0.0-b.efi");
        esp.FileNames().Order().ShouldBe(["hull-1.0.0-a.efi", "hull-2.0.0-b.efi"]);
    }

    [Fact]
    public void Read_NoVariable_Null()
    {
        using var dir = new TempDirectory();

        LoaderVariables.Read(LoaderVariables.BootCountPath, dir.Path).ShouldBeNull();
    }

    // efivarfs: a 4-byte attribute word (NV, BS, RT), then UTF-16LE with a final NUL.
    private static byte[] Variable(string text) => [0x07, 0, 0, 0, .. Encoding.Unicode.GetBytes(text + "\0")];
}
