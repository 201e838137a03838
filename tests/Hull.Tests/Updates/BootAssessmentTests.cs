using Hull.Updates;

namespace Hull.Tests.Updates;

public sealed class BootAssessmentTests
{
    private static readonly DateTimeOffset Then = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Then.AddMinutes(5);
    private static readonly BootAssessment PendingV2 = new("pending", "0.1.1", "B", "hull-0.1.1-b+1-2.efi", [], null, Then);

    [Fact]
    public void Unfinished_PendingTrialOfAnotherVersion_BecomesBadSayingWhyAndWhereTheHostWent()
    {
        var unfinished = BootAssessment.Unfinished(PendingV2, "0.1.0", "A", Now);

        unfinished.ShouldNotBeNull();
        unfinished.Result.ShouldBe("bad");
        (unfinished.Version, unfinished.Slot, unfinished.Entry).ShouldBe(("0.1.1", "B", "hull-0.1.1-b+1-2.efi"));
        unfinished.Failures.ShouldHaveSingleItem().ShouldContain("hull-0.1.1-b+1-2.efi stopped before it was healthy");
        unfinished.Detail.ShouldBe("systemd-boot went back to 0.1.0 in slot A");
        unfinished.At.ShouldBe(Now);
    }

    [Fact]
    public void Unfinished_PendingForTheBootedVersionAndSlot_Null() =>
        BootAssessment.Unfinished(PendingV2, "0.1.1", "B", Now).ShouldBeNull();

    [Theory]
    [InlineData("good")]
    [InlineData("bad")]
    public void Unfinished_AVerdictAlreadyGiven_Null(string result) =>
        BootAssessment.Unfinished(PendingV2 with { Result = result }, "0.1.0", "A", Now).ShouldBeNull();

    [Fact]
    public void Unfinished_NoAssessmentYet_Null() => BootAssessment.Unfinished(null, "0.1.0", "A", Now).ShouldBeNull();

    [Fact]
    public void Read_WrittenThenGarbled_GivesItBackThenNull()
    {
        var folder = Directory.CreateTempSubdirectory("hull-assessment-").FullName;
        try
        {
            BootAssessment.Read(folder).ShouldBeNull();
            File.WriteAllBytes(Path.Combine(folder, BootAssessment.FileName), System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(PendingV2, UpdaterJsonContext.Default.BootAssessment));
            BootAssessment.Read(folder).ShouldNotBeNull().Entry.ShouldBe(PendingV2.Entry);
            File.WriteAllText(Path.Combine(folder, BootAssessment.FileName), "{not json");
            BootAssessment.Read(folder).ShouldBeNull();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
