using Hull.Updates;

namespace Hull.Core.Tests.Updates;

public sealed class SettingsMigrationTests
{
    private static readonly SettingsMigration RenameMotd = new(
        "motd-to-banner",
        [new MigrationStep("rename", "settings.motd", "settings.banner.text", null)],
        [new MigrationStep("rename", "settings.banner.text", "settings.motd", null)]);

    private static readonly SettingsMigration AddColour = new(
        "banner-colour",
        [new MigrationStep("set", "settings.banner.colour", null, "\"blue\"")],
        [new MigrationStep("remove", "settings.banner.colour", null, null)]);

    private static readonly Dictionary<HullVersion, IReadOnlyList<SettingsMigration>> Saved = new()
    {
        [new HullVersion(1, 1, 0)] = [RenameMotd],
        [new HullVersion(1, 2, 0)] = [AddColour],
    };

    [Fact]
    public void Steps_Forward_RunsEachReleaseAfterTheOldVersionOldestFirst()
    {
        var steps = SettingsMigrationPlan.Steps(new HullVersion(1, 0, 0), new HullVersion(1, 2, 0), Saved);
        steps.ShouldBe([.. RenameMotd.Forward, .. AddColour.Forward]);
    }

    [Fact]
    public void Steps_BackAfterRollback_RunsBackwardStepsNewestFirst()
    {
        var steps = SettingsMigrationPlan.Steps(new HullVersion(1, 2, 0), new HullVersion(1, 0, 0), Saved);
        steps.ShouldBe([.. AddColour.Backward, .. RenameMotd.Backward]);
    }

    [Fact]
    public void Steps_SameVersion_IsEmpty()
    {
        SettingsMigrationPlan.Steps(new HullVersion(1, 1, 0), new HullVersion(1, 1, 0), Saved).ShouldBeEmpty();
    }

    [Fact]
    public void Steps_OnlyTheReleasesBetween_AreTaken()
    {
        SettingsMigrationPlan.Steps(new HullVersion(1, 1, 0), new HullVersion(1, 2, 0), Saved).ShouldBe(AddColour.Forward);
    }

    [Fact]
    public void Apply_ForwardThenBackward_GivesTheSettingsBack()
    {
        var live = new Dictionary<string, string> { ["settings.motd"] = "\"hi\"", ["settings.motdx"] = "\"kept\"" };
        var forward = SettingsMigrationSteps.Apply(live, SettingsMigrationPlan.Steps(new HullVersion(1, 0, 0), new HullVersion(1, 2, 0), Saved));
        forward.ShouldBe(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["settings.banner.colour"] = "\"blue\"", ["settings.banner.text"] = "\"hi\"", ["settings.motdx"] = "\"kept\"",
        });

        var back = SettingsMigrationSteps.Apply(forward, SettingsMigrationPlan.Steps(new HullVersion(1, 2, 0), new HullVersion(1, 0, 0), Saved));
        back.ShouldBe(new SortedDictionary<string, string>(live, StringComparer.Ordinal));
    }

    [Fact]
    public void Apply_Twice_IsTheSameAsOnce()
    {
        var live = new Dictionary<string, string> { ["settings.motd"] = "\"hi\"" };
        var steps = SettingsMigrationPlan.Steps(new HullVersion(1, 0, 0), new HullVersion(1, 2, 0), Saved);
        var once = SettingsMigrationSteps.Apply(live, steps);
        SettingsMigrationSteps.Apply(once, steps).ShouldBe(once);
    }

    [Fact]
    public void Apply_RenameOfATable_MovesEveryKeyUnderIt()
    {
        var live = new Dictionary<string, string> { ["settings.ntp.time-servers"] = "[\"a\"]", ["settings.ntp.options"] = "[\"iburst\"]" };
        var moved = SettingsMigrationSteps.Apply(live, [new MigrationStep("rename", "settings.ntp", "settings.time", null)]);
        moved.Keys.ShouldBe(["settings.time.options", "settings.time.time-servers"]);
    }

    [Fact]
    public void Apply_SetOfAKeyAlreadySet_KeepsTheOperatorsValue()
    {
        var live = new Dictionary<string, string> { ["settings.banner.colour"] = "\"red\"" };
        SettingsMigrationSteps.Apply(live, AddColour.Forward)["settings.banner.colour"].ShouldBe("\"red\"");
    }

    [Fact]
    public void Apply_UnknownOp_NamesTheStep()
    {
        Should.Throw<ArgumentException>(() => SettingsMigrationSteps.Apply(new Dictionary<string, string>(), [new MigrationStep("copy", "settings.a", "settings.b", null)]))
            .Message.ShouldContain("migration step copy settings.a");
    }
}
