using Hull.Init;
using Hull.Tests.TestSupport;

namespace Hull.Tests.Init;

public sealed class UserDataImportTests
{
    [Fact]
    public void ImportOnFirstBoot_PlatformHasUserData_CopiesItPrivately()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("fw_cfg"), "[settings]\nmotd = \"hi\"\n");
        UserDataImport.ImportOnFirstBoot(dir.File("fw_cfg"), dir.File("copy.toml"), TextWriter.Null);

        File.ReadAllText(dir.File("copy.toml")).ShouldBe("[settings]\nmotd = \"hi\"\n");
        File.GetUnixFileMode(dir.File("copy.toml")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void ImportOnFirstBoot_CopyExists_KeepsIt()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("fw_cfg"), "new");
        File.WriteAllText(dir.File("copy.toml"), "old");
        UserDataImport.ImportOnFirstBoot(dir.File("fw_cfg"), dir.File("copy.toml"), TextWriter.Null);
        File.ReadAllText(dir.File("copy.toml")).ShouldBe("old");
    }

    [Fact]
    public void ImportOnFirstBoot_NoUserData_SaysSoAndWritesNothing()
    {
        using var dir = new TempDirectory();
        var console = new StringWriter();
        UserDataImport.ImportOnFirstBoot(dir.File("absent"), dir.File("copy.toml"), console);
        File.Exists(dir.File("copy.toml")).ShouldBeFalse();
        console.ToString().ShouldContain("no user data");
    }
}
