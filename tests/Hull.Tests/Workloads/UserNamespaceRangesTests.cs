using Hull.Cri.V1;
using Hull.Workloads;

namespace Hull.Tests.Workloads;

public sealed class UserNamespaceRangesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string FilePath => Path.Combine(_temp.Path, "var", "lib", "workloads", "user-namespaces");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void For_NewNames_EachGetsTheNextWhole16BitRangeAboveTheHostsOwnIds()
    {
        var ranges = new UserNamespaceRanges(FilePath);

        ranges.For("web").ShouldBe(new UserNamespaceRange(65536));
        ranges.For("api").ShouldBe(new UserNamespaceRange(131072));
        ranges.For("web").ShouldBe(new UserNamespaceRange(65536));
        ranges.For("api").ToString().ShouldBe("0 131072 65536");
    }

    [Fact]
    public void For_AfterARestart_TheSameNameKeepsItsRangeAndANewOneNeverTakesAnother()
    {
        new UserNamespaceRanges(FilePath).For("web");
        new UserNamespaceRanges(FilePath).For("api");

        File.ReadAllText(FilePath).ShouldBe("web 1\napi 2\n");
        var again = new UserNamespaceRanges(FilePath);
        again.For("db").ShouldBe(new UserNamespaceRange(3 * 65536));
        again.For("web").ShouldBe(new UserNamespaceRange(65536));
    }

    [Fact]
    public void For_AllSlotsGiven_ThrowsNamingTheWorkload()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.WriteAllText(FilePath, $"last {UserNamespaceRanges.MaxSlot}\n");

        new UserNamespaceRanges(FilePath).For("last").HostId.ShouldBe(UserNamespaceRanges.MaxSlot * 65536u);
        Should.Throw<InvalidOperationException>(() => new UserNamespaceRanges(FilePath).For("one-more")).Message.ShouldContain("'one-more'");
    }

    [Theory]
    [InlineData("web 0")]
    [InlineData("web 65535")]
    [InlineData("web")]
    [InlineData("web 1 2")]
    [InlineData("web -1")]
    [InlineData("api 1")]
    [InlineData("other 1")]
    public void Read_BadOrRepeatedLine_ThrowsNamingFileAndLine(string line)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.WriteAllText(FilePath, $"api 1\n{line}\n");

        var error = Should.Throw<InvalidDataException>(() => UserNamespaceRanges.Read(FilePath));

        error.Message.ShouldStartWith($"{FilePath}:2:");
        error.Message.ShouldContain($"'{line}'");
    }

    [Fact]
    public void Namespaces_WithARange_PodModeUserNamespaceMappingContainerIdsFromZero()
    {
        var namespaces = CriWorkloadRuntime.Namespaces(new UserNamespaceRange(131072));

        namespaces.UsernsOptions.Mode.ShouldBe(NamespaceMode.Pod);
        namespaces.UsernsOptions.Uids.ShouldBe([new IDMapping { ContainerId = 0, HostId = 131072, Length = 65536 }]);
        namespaces.UsernsOptions.Gids.ShouldBe([new IDMapping { ContainerId = 0, HostId = 131072, Length = 65536 }]);
        namespaces.Pid.ShouldBe(NamespaceMode.Container);
        CriWorkloadRuntime.Namespaces(null).UsernsOptions.ShouldBeNull();
    }
}
