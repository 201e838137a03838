using Hull.Builder.Repo;
using Hull.Builder.Tools;
using Hull.Updates;

namespace Hull.Builder.Tests.Repo;

public sealed class MigrationsFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Read_EveryOp_GivesTheMigrationsInOrder()
    {
        var file = _temp.Write("m.json", """
            [
              {"name": "banner", "forward": [{"op": "rename", "key": "settings.motd", "to": "settings.banner"}],
                                 "backward": [{"op": "rename", "key": "settings.banner", "to": "settings.motd"}]},
              {"name": "ntp", "forward": [{"op": "set", "key": "settings.ntp.options", "value": "[\"iburst\"]"}],
                              "backward": [{"op": "remove", "key": "settings.ntp.options"}]}
            ]
            """);

        var migrations = MigrationsFile.Read(file);

        migrations.Select(m => m.Name).ShouldBe(["banner", "ntp"]);
        migrations[1].Forward.ShouldHaveSingleItem().ShouldBe(new MigrationStep("set", "settings.ntp.options", null, "[\"iburst\"]"));
        migrations[1].Backward.ShouldHaveSingleItem().ShouldBe(new MigrationStep("remove", "settings.ntp.options", null, null));
    }

    [Theory]
    [InlineData("""[{"name": "a", "forward": [{"op": "move", "key": "settings.a"}], "backward": []}]""", "migration 'a' forward[0]: op 'move' is not rename, remove or set")]
    [InlineData("""[{"name": "a", "forward": [], "backward": [{"op": "rename", "key": "settings.a"}]}]""", "migration 'a' backward[0]: rename needs \"to\"")]
    [InlineData("""[{"name": "a", "forward": [{"op": "set", "key": "settings.a", "value": "{nope"}], "backward": []}]""", "migration 'a' forward[0]: value '{nope' is not JSON")]
    [InlineData("""[{"name": "a", "forward": [{"op": "remove", "key": "motd"}], "backward": []}]""", "migration 'a' forward[0]: key 'motd' is not a full settings key")]
    [InlineData("""[{"name": "a", "forward": [], "backward": []}, {"name": "a", "forward": [], "backward": []}]""", "migration name 'a' is empty or used twice")]
    [InlineData("""[{"name": "a", "forward": []}]""", "not a list of settings migrations")]
    [InlineData("""{"name": "a"}""", "not a list of settings migrations")]
    public void Read_BadMigration_ThrowsNamingTheFileAndStep(string json, string message)
    {
        var file = _temp.Write("m.json", json);

        Should.Throw<ToolException>(() => MigrationsFile.Read(file)).Message.ShouldStartWith($"{file}: {message}");
    }
}
