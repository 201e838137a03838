using Hull.Builder.Kernel;
using Hull.Builder.Tests.TestSupport;
using Hull.Builder.Tools;

namespace Hull.Builder.Tests.Kernel;

public sealed class ModuleSetTests
{
    private const string Version = "6.1.0-99-cloud-amd64";

    // The shape depmod writes: "path: dep dep ...", paths relative to lib/modules/VERSION.
    private const string ModulesDep = """
        kernel/drivers/block/virtio_blk.ko: kernel/drivers/virtio/virtio_ring.ko kernel/drivers/virtio/virtio.ko
        kernel/drivers/net/virtio_net.ko: kernel/net/core/failover.ko kernel/drivers/net/net_failover.ko kernel/drivers/virtio/virtio_ring.ko kernel/drivers/virtio/virtio.ko
        kernel/drivers/net/net_failover.ko: kernel/net/core/failover.ko
        kernel/net/core/failover.ko:
        kernel/drivers/virtio/virtio_ring.ko: kernel/drivers/virtio/virtio.ko
        kernel/drivers/virtio/virtio.ko:
        kernel/drivers/md/dm-verity.ko.xz: kernel/drivers/md/dm-bufio.ko.xz kernel/drivers/md/dm-mod.ko.xz
        kernel/drivers/md/dm-bufio.ko.xz:
        kernel/drivers/md/dm-mod.ko.xz:
        kernel/fs/efivarfs/efivarfs.ko:
        """;

    private static readonly ModuleSet Modules = ModuleSet.Parse(Version, "/modules", ModulesDep);

    [Fact]
    public void Index_RootAndOptionalFiles_OneLinePerModuleWithItsLoadOrderUnderTheImagePath()
    {
        var files = Modules.Resolve(["virtio_blk", "dm-verity"]);

        var index = Modules.Index(files, f => "/usr/lib/modules/V/" + f);

        index.ShouldBe(
            "dm_bufio /usr/lib/modules/V/kernel/drivers/md/dm-bufio.ko.xz\n"
            + "dm_mod /usr/lib/modules/V/kernel/drivers/md/dm-mod.ko.xz\n"
            + "dm_verity /usr/lib/modules/V/kernel/drivers/md/dm-bufio.ko.xz /usr/lib/modules/V/kernel/drivers/md/dm-mod.ko.xz /usr/lib/modules/V/kernel/drivers/md/dm-verity.ko.xz\n"
            + "virtio /usr/lib/modules/V/kernel/drivers/virtio/virtio.ko\n"
            + "virtio_blk /usr/lib/modules/V/kernel/drivers/virtio/virtio.ko /usr/lib/modules/V/kernel/drivers/virtio/virtio_ring.ko /usr/lib/modules/V/kernel/drivers/block/virtio_blk.ko\n"
            + "virtio_ring /usr/lib/modules/V/kernel/drivers/virtio/virtio.ko /usr/lib/modules/V/kernel/drivers/virtio/virtio_ring.ko\n");
    }

    [Fact]
    public void Parse_AnyText_KeepsVersionAndFolder()
    {
        Modules.KernelVersion.ShouldBe(Version);
        Modules.ModulesDirectory.ShouldBe("/modules");
    }

    [Fact]
    public void Resolve_ModuleWithChainOfDependencies_DependenciesComeFirst()
    {
        Modules.Resolve(["virtio_blk"]).ShouldBe(
            ["kernel/drivers/virtio/virtio.ko", "kernel/drivers/virtio/virtio_ring.ko", "kernel/drivers/block/virtio_blk.ko"]);
    }

    [Fact]
    public void Resolve_SeveralModules_EveryDependencyBeforeItsDependentAndEachOnce()
    {
        var graph = ParseGraph(ModulesDep);

        var ordered = Modules.Resolve(["virtio_net", "virtio_blk", "dm_verity", "virtio_blk", "efivarfs"]).ToList();

        ordered.Distinct().Count().ShouldBe(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            foreach (var dep in graph[ordered[i]])
            {
                ordered.IndexOf(dep).ShouldBeInRange(0, i - 1, $"{dep} must load before {ordered[i]}");
            }
        }

        ordered.ShouldBe(graph.Keys.Where(k => ordered.Contains(k)), ignoreOrder: true);
        ordered.Count.ShouldBe(10);
    }

    [Theory]
    [InlineData("dm-verity")]
    [InlineData("dm_verity")]
    public void Resolve_DashOrUnderscore_FindsTheSameModule(string name)
    {
        Modules.Resolve([name]).ShouldBe(
            ["kernel/drivers/md/dm-bufio.ko.xz", "kernel/drivers/md/dm-mod.ko.xz", "kernel/drivers/md/dm-verity.ko.xz"]);
    }

    [Fact]
    public void Resolve_UnderscoreFileAskedWithDash_FindsIt()
    {
        Modules.Resolve(["virtio-ring"]).ShouldBe(["kernel/drivers/virtio/virtio.ko", "kernel/drivers/virtio/virtio_ring.ko"]);
    }

    [Fact]
    public void Resolve_UnknownModule_ThrowsNamingItAndTheKernel()
    {
        var error = Should.Throw<ToolException>(() => Modules.Resolve(["virtio_blk", "nvme"]));

        error.Message.ShouldContain("'nvme'");
        error.Message.ShouldContain(Version);
    }

    [Fact]
    public void Resolve_NoNames_IsEmpty()
    {
        Modules.Resolve([]).ShouldBeEmpty();
    }

    [Fact]
    public async Task LoadAsync_PackageWithModulesDep_ReadsIt()
    {
        using var temp = new TempDirectory();
        temp.Write($"lib/modules/{Version}/modules.dep", ModulesDep);

        var set = await ModuleSet.LoadAsync(temp.Path, TestContext.Current.CancellationToken);

        set.KernelVersion.ShouldBe(Version);
        set.ModulesDirectory.ShouldBe(temp.File($"lib/modules/{Version}"));
        set.Resolve(["efivarfs"]).ShouldBe(["kernel/fs/efivarfs/efivarfs.ko"]);
    }

    [Fact]
    public async Task LoadAsync_NoModulesDep_RunsDepmodToMakeIt()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File($"lib/modules/{Version}/kernel"));

        var set = await ModuleSet.LoadAsync(temp.Path, TestContext.Current.CancellationToken);

        File.Exists(temp.File($"lib/modules/{Version}/modules.dep")).ShouldBeTrue();
        Should.Throw<ToolException>(() => set.Resolve(["efivarfs"]));
    }

    [Fact]
    public async Task LoadAsync_TwoKernels_ThrowsCountingThem()
    {
        using var temp = new TempDirectory();
        temp.Write("lib/modules/6.1.0-1-amd64/modules.dep", "");
        temp.Write("lib/modules/6.1.0-2-amd64/modules.dep", "");

        var error = await Should.ThrowAsync<ToolException>(() => ModuleSet.LoadAsync(temp.Path, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("found 2");
    }

    private static Dictionary<string, string[]> ParseGraph(string modulesDep) => modulesDep
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(l => l.Split(':'))
        .ToDictionary(p => p[0], p => p[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
