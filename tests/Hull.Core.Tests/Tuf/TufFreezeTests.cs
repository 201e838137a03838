using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

/// <summary>Indefinite freeze: a client fed the same, valid but expired, metadata notices.</summary>
public sealed class TufFreezeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("root", "root.json")]
    [InlineData("targets", "2.targets.json")]
    [InlineData("snapshot", "2.snapshot.json")]
    [InlineData("timestamp", "timestamp.json")]
    public async Task Refresh_RoleExpired_ExpiredNamingTheFile(string role, string file)
    {
        var soon = TufScenario.Start + TimeSpan.FromHours(1);
        var later = TufScenario.Start + TimeSpan.FromDays(30);
        using var s = TufScenario.Create(rootExpires: role == "root" ? soon : later);
        s.Writer.SignTargets(s.AllKeys, role == "targets" ? soon : later);
        s.Writer.SignSnapshot(s.AllKeys, role == "snapshot" ? soon : later);
        s.Writer.SignTimestamp(s.AllKeys, role == "timestamp" ? soon : later);
        (await s.Client().RefreshAsync(Ct)).Error.ShouldBeNull();

        s.Time.Advance(TimeSpan.FromHours(2));
        var result = await s.Client().RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.Expired);
        result.Error.File.ShouldBe(file);
        result.Error.Message.ShouldContain("expired at 2026-06-01T13:00:00Z");
    }

    [Fact]
    public async Task Refresh_TimestampExpiresExactlyAtTheStart_Expired()
    {
        using var s = TufScenario.Create();
        s.Writer.SignTimestamp(s.AllKeys, TufScenario.Start);

        var result = await s.Client().RefreshAsync(Ct);

        result.Error!.Kind.ShouldBe(TufErrorKind.Expired);
        result.Error.File.ShouldBe("timestamp.json");
    }
}
