using Hull.Updates;

namespace Hull.Tests.Updates;

public sealed class BootEntryTests
{
    [Theory]
    [InlineData("hull-1.0.0-a.efi", "1.0.0", 'a', null, null, "Good")]
    [InlineData("hull-2.10.3-b+3.efi", "2.10.3", 'b', 3, null, "Trial")]
    [InlineData("hull-2.0.0-b+2-1.efi", "2.0.0", 'b', 2, 1, "Trial")]
    [InlineData("hull-2.0.0-b+0-3.efi", "2.0.0", 'b', 0, 3, "Bad")]
    [InlineData("hull-2.0.0-b+0.efi", "2.0.0", 'b', 0, null, "Bad")]
    [InlineData("hull-2.0.0-b.efi.staged", "2.0.0", 'b', null, null, "Staged")]
    public void TryParse_HullNames_ReadsVersionSlotAndCounter(string name, string version, char slot, int? left, int? done, string stateName)
    {
        var state = Enum.Parse<BootEntryState>(stateName);
        BootEntry.TryParse(name, out var entry).ShouldBeTrue();

        entry!.Value.Version.ToString().ShouldBe(version);
        entry.Value.Slot.ShouldBe(slot);
        entry.Value.TriesLeft.ShouldBe(left);
        entry.Value.TriesDone.ShouldBe(done);
        entry.Value.State.ShouldBe(state);
        entry.Value.BaseName.ShouldBe($"hull-{version}-{slot}.efi");
        (state == BootEntryState.Staged ? BootEntry.StagedName(entry.Value.Version, slot) : BootEntry.Name(entry.Value.Version, slot, left, done)).ShouldBe(name);
    }

    [Theory]
    [InlineData("linux.efi")]
    [InlineData("hull-1.0.0.efi")]
    [InlineData("hull-1.0.0-c.efi")]
    [InlineData("hull-1.0-a.efi")]
    [InlineData("hull-v1.0.0-a.efi")]
    [InlineData("hull-1.0.0-a+x.efi")]
    [InlineData("hull-1.0.0-a+1-2-3.efi")]
    [InlineData("hull-1.0.0-a+3.efi.staged")]
    [InlineData("hull-1.0.0-a.conf")]
    [InlineData(".hull-1.0.0-a.efi.staged.part")]
    [InlineData("hull-1.0.0-ab.efi")]
    public void TryParse_OtherNames_NotAHullEntry(string name)
    {
        BootEntry.TryParse(name, out _).ShouldBeFalse();
    }
}
