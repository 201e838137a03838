using System.Text;
using Hull.Init;
using Hull.Tests.TestSupport;

namespace Hull.Tests.Init;

public sealed class UserDataImportTests
{
    private static Func<PlatformUserData?> Source(string origin, string text) => () => new PlatformUserData(origin, Encoding.UTF8.GetBytes(text));

    private static readonly Func<PlatformUserData?> Nothing = () => null;

    [Fact]
    public void ImportOnFirstBoot_PlatformHasUserData_CopiesItPrivatelyWithItsOrigin()
    {
        using var dir = new TempDirectory();
        UserDataImport.ImportOnFirstBoot([Source("QEMU fw_cfg opt/hull/user-data", "[settings]\nmotd = \"hi\"\n")], dir.File("user-data.toml"), TextWriter.Null);

        File.ReadAllText(dir.File("user-data.toml")).ShouldBe("[settings]\nmotd = \"hi\"\n");
        File.GetUnixFileMode(dir.File("user-data.toml")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.ReadAllText(UserDataImport.OriginFile(dir.File("user-data.toml"))).ShouldBe("QEMU fw_cfg opt/hull/user-data\n");
    }

    [Fact]
    public void ImportOnFirstBoot_FwCfgAndConfigDrive_FirstSourceWinsAndTheOtherIsNamedAsIgnored()
    {
        using var dir = new TempDirectory();
        var console = new StringWriter();
        UserDataImport.ImportOnFirstBoot([Source("fw_cfg", "first"), Source("config drive HULLDATA (/dev/vdb, vfat)", "second")], dir.File("user-data.toml"), console);

        File.ReadAllText(dir.File("user-data.toml")).ShouldBe("first");
        console.ToString().ShouldContain("ignoring the user data on config drive HULLDATA (/dev/vdb, vfat): fw_cfg comes first");
    }

    [Fact]
    public void ImportOnFirstBoot_OnlyTheConfigDrive_CopiesTheDrives()
    {
        using var dir = new TempDirectory();
        UserDataImport.ImportOnFirstBoot([Nothing, Source("config drive HULLDATA (/dev/vdb, vfat)", "drive")], dir.File("user-data.toml"), TextWriter.Null);

        File.ReadAllText(dir.File("user-data.toml")).ShouldBe("drive");
        File.ReadAllText(UserDataImport.OriginFile(dir.File("user-data.toml"))).ShouldStartWith("config drive HULLDATA");
    }

    [Fact]
    public void ImportOnFirstBoot_DriveWithoutTheFile_RecordsTheErrorAndCopiesNothing()
    {
        using var dir = new TempDirectory();
        var console = new StringWriter();
        UserDataImport.ImportOnFirstBoot([Nothing, () => new PlatformUserData("config drive HULLDATA (/dev/vdb, vfat)", null, "no file named user-data at its root")], dir.File("user-data.toml"), console);

        File.Exists(dir.File("user-data.toml")).ShouldBeFalse();
        File.ReadAllText(UserDataImport.ErrorFile(dir.File("user-data.toml"))).ShouldContain("config drive HULLDATA (/dev/vdb, vfat): no file named user-data");
        console.ToString().ShouldContain("NOT applied");
    }

    [Fact]
    public void ImportOnFirstBoot_ErrorRecordedOnAnEarlierBoot_DoesNotImportLater()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(UserDataImport.ErrorFile(dir.File("user-data.toml")), "earlier");
        UserDataImport.ImportOnFirstBoot([Source("fw_cfg", "late")], dir.File("user-data.toml"), TextWriter.Null);

        File.Exists(dir.File("user-data.toml")).ShouldBeFalse();
    }

    [Fact]
    public void ImportOnFirstBoot_CopyExists_KeepsIt()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("user-data.toml"), "old");
        UserDataImport.ImportOnFirstBoot([Source("fw_cfg", "new")], dir.File("user-data.toml"), TextWriter.Null);
        File.ReadAllText(dir.File("user-data.toml")).ShouldBe("old");
    }

    [Fact]
    public void ImportOnFirstBoot_NoUserData_SaysSoAndWritesNothing()
    {
        using var dir = new TempDirectory();
        var console = new StringWriter();
        UserDataImport.ImportOnFirstBoot([Nothing, Nothing], dir.File("user-data.toml"), console);
        Directory.GetFiles(dir.Path).ShouldBeEmpty();
        console.ToString().ShouldContain("no user data");
    }
}
