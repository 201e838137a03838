using Hull.Builder.Disk;
using Hull.Builder.Tests.TestSupport;

namespace Hull.Builder.Tests.Disk;

public sealed class ConfigDriveImageTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task BuildAsync_UserData_FatLabelledHulldataThatBlkidAndFsckAccept()
    {
        var drive = await BuildAsync("[settings]\nmotd = \"hi\"\n");

        ExternalTool.RunChecked("fsck.vfat", "-n", drive);
        ExternalTool.RunChecked("blkid", "-p", "-s", "LABEL", "-o", "value", drive).Stdout.Trim().ShouldBe(ConfigDriveImage.Label);
        ExternalTool.RunChecked("blkid", "-p", "-s", "TYPE", "-o", "value", drive).Stdout.Trim().ShouldBe("vfat");
    }

    [Fact]
    public async Task BuildAsync_UserData_UserDataAtTheRootByteForByte()
    {
        var text = "[settings]\nmotd = \"héllo\"\n";
        var drive = await BuildAsync(text);

        ExternalTool.RunChecked("mdir", "-b", "-i", drive, "::/").Stdout.Trim().ShouldBe("::/user-data");
        ExternalTool.RunChecked("mtype", "-i", drive, "::/user-data").Stdout.ShouldBe(text);
    }

    [Fact]
    public async Task BuildAsync_UserDataBiggerThanAFloppy_TheDriveGrowsToHoldIt()
    {
        var drive = await BuildAsync("# " + new string('x', 3 << 20) + "\n");

        var back = _temp.File("back");
        ExternalTool.RunChecked("mcopy", "-i", drive, "::/user-data", back);
        new FileInfo(back).Length.ShouldBe((3 << 20) + 3);
    }

    private async Task<string> BuildAsync(string userData)
    {
        var source = _temp.Write("user-data.toml", userData);
        var drive = _temp.File("drive.img");
        await ConfigDriveImage.BuildAsync(source, drive, TestContext.Current.CancellationToken);
        return drive;
    }
}
