using Hull.Platform;

namespace Hull.Tests.Platform;

public sealed class ModuleLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LoadAll_BlockedModule_SkipsItAndWhatNeedsItAndLoadsTheRest()
    {
        var list = _dir.Write("modules.load", "/m/bridge.ko\n/m/br_netfilter.ko\n# comment\n\n/m/veth.ko\n/m/isofs.ko\n");
        var index = ModuleIndex.Parse("bridge /m/bridge.ko\nbr_netfilter /m/bridge.ko /m/br_netfilter.ko\nveth /m/veth.ko\nisofs /m/isofs.ko\n");
        var calls = new FakeModuleSyscalls();

        var (loaded, failures, blocked) = ModuleLoader.LoadAll(list, new HashSet<string> { "bridge", "isofs" }, index, calls);

        calls.Calls.ShouldBe(["load /m/veth.ko"]);
        loaded.ShouldBe(1);
        failures.ShouldBeEmpty();
        blocked.ShouldBe([
            "bridge: not loaded (settings.kernel.modules.bridge.allowed = false)",
            "br_netfilter: not loaded: it needs bridge (settings.kernel.modules.bridge.allowed = false)",
            "isofs: not loaded (settings.kernel.modules.isofs.allowed = false)",
        ]);
    }

    [Fact]
    public void LoadAll_KernelRefusesOne_ReportsItAndGoesOn()
    {
        var list = _dir.Write("modules.load", "/m/a.ko\n/m/b.ko\n");
        var calls = new FakeModuleSyscalls();
        calls.Failing.Add("/m/a.ko");

        var (loaded, failures, _) = ModuleLoader.LoadAll(list, syscalls: calls);

        loaded.ShouldBe(1);
        failures.ShouldHaveSingleItem().ShouldStartWith("finit_module(/m/a.ko)");
    }

    [Fact]
    public void ReadBlocked_PolicyFile_KernelNamesWithoutComments()
    {
        var file = _dir.Write("kernel-modules.blocked", "# From settings.kernel.modules\nbr-netfilter\nisofs\n\n");

        ModuleLoader.ReadBlocked(file).Order().ShouldBe(["br_netfilter", "isofs"]);
        ModuleLoader.ReadBlocked(_dir.File("absent")).ShouldBeEmpty();
    }

    [Fact]
    public void ModuleIndex_NamesAndChains_DashAndUnderscoreAlike()
    {
        var index = ModuleIndex.Parse("dm_verity /k/dm-bufio.ko.xz /k/dm-verity.ko.xz\n# x y\nbad\n");

        index.Chain("dm-verity").ShouldBe(["/k/dm-bufio.ko.xz", "/k/dm-verity.ko.xz"]);
        index.Names.ShouldBe(["dm_verity"]);
        ModuleIndex.NameOf("/k/dm-verity.ko.xz").ShouldBe("dm_verity");
    }

    [Fact]
    public void LoadedModule_ProcModulesLines_NamesCountsAndHolders()
    {
        // As Debian's 6.1 kernel writes them: a dependency lists its users with a trailing comma.
        const string text = """
            xt_conntrack 16384 1 - Live 0xffffffffc0a1e000
            nf_conntrack 176128 4 xt_conntrack,nf_nat,xt_MASQUERADE,nft_ct, Live 0xffffffffc09c5000
            isofs 57344 0 - Live 0xffffffffc0968000
            efivarfs 24576 1 - Live 0xffffffffc095b000 (E)

            """;

        var modules = LoadedModule.ParseAll(text);

        modules.Keys.Order().ShouldBe(["efivarfs", "isofs", "nf_conntrack", "xt_conntrack"]);
        modules["nf_conntrack"].ShouldBe(new LoadedModule("nf_conntrack", 4, modules["nf_conntrack"].UsedBy));
        modules["nf_conntrack"].UsedBy.ShouldBe(["xt_conntrack", "nf_nat", "xt_MASQUERADE", "nft_ct"]);
        modules["isofs"].RefCount.ShouldBe(0);
        modules["isofs"].UsedBy.ShouldBeEmpty();
        modules["efivarfs"].RefCount.ShouldBe(1);
    }
}
