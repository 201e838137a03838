using Hull.Builder.Initramfs;
using Hull.Builder.Tests.TestSupport;

namespace Hull.Builder.Tests.Initramfs;

public sealed class InitramfsBuilderTests : IDisposable
{
    private const string KernelVersion = "6.1.0-99-cloud-amd64";

    private static readonly string[] Modules =
    [
        "kernel/drivers/virtio/virtio.ko",
        "kernel/drivers/md/dm-mod.ko",
        "kernel/drivers/block/virtio_blk.ko",
        "kernel/drivers/md/dm-verity.ko",
    ];

    private readonly TempDirectory _temp = new();
    private readonly string _hull;
    private readonly string _libc;
    private readonly string _modules;

    public InitramfsBuilderTests()
    {
        _hull = _temp.Write("hull", "\x7f" + "ELF fake hull binary");
        _libc = Directory.CreateDirectory(_temp.File("libc")).FullName;
        foreach (var lib in (string[])["ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6", "libpthread.so.0"])
        {
            _temp.Write($"libc/{lib}", $"fake {lib}");
        }

        _modules = Directory.CreateDirectory(_temp.File("modules")).FullName;
        foreach (var module in Modules)
        {
            _temp.Write($"modules/{module}", $"fake module {module}");
        }
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Build_FakeInputs_InitIsExecutableHull()
    {
        var listing = ListBuilt();

        listing["init"].Mode.ShouldBe("-rwxr-xr-x");
        CpioListing.Read(_temp.File("initramfs.img"), "init").ShouldBe(File.ReadAllText(_hull));
    }

    [Fact]
    public void Build_FakeInputs_DevConsoleIsCharacterDevice5Comma1()
    {
        var console = ListBuilt()["dev/console"];

        console.Mode.ShouldStartWith("c");
        console.Size.Replace(" ", "", StringComparison.Ordinal).ShouldBe("5,1");
    }

    [Fact]
    public void Build_FakeInputs_LibrariesAndLib64LoaderSymlinkPresent()
    {
        var listing = ListBuilt();

        foreach (var lib in (string[])["ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6"])
        {
            listing[$"usr/lib/x86_64-linux-gnu/{lib}"].Mode.ShouldStartWith("-");
        }

        listing.Keys.ShouldNotContain("usr/lib/x86_64-linux-gnu/libpthread.so.0");
        var loader = listing["lib64/ld-linux-x86-64.so.2"];
        loader.Mode.ShouldStartWith("l");
        loader.LinkTarget.ShouldBe("/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
        listing["lib64"].Mode.ShouldStartWith("d");
    }

    [Fact]
    public void Build_FakeInputs_ModulesUnderTheKernelVersionWithParentFolders()
    {
        var listing = ListBuilt();

        foreach (var module in Modules)
        {
            var path = $"usr/lib/modules/{KernelVersion}/{module}";
            listing[path].Mode.ShouldBe("-rw-r--r--");
            CpioListing.Read(_temp.File("initramfs.img"), path).ShouldBe($"fake module {module}");
        }

        foreach (var dir in (string[])[$"usr/lib/modules/{KernelVersion}", $"usr/lib/modules/{KernelVersion}/kernel/drivers/md", $"usr/lib/modules/{KernelVersion}/kernel/drivers/block"])
        {
            listing[dir].Mode.ShouldStartWith("d");
        }
    }

    [Fact]
    public void Build_FakeInputs_ModulesLoadListsModulePathsInTheGivenOrder()
    {
        ListBuilt();

        var lines = CpioListing.Read(_temp.File("initramfs.img"), "usr/lib/hull/modules.load").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines.ShouldBe(Modules.Select(m => $"/usr/lib/modules/{KernelVersion}/{m}"));
    }

    [Fact]
    public void Build_FakeInputs_EveryParentFolderBeforeItsChildrenAndNoDuplicates()
    {
        var names = CpioListingNames();

        names.Distinct().Count().ShouldBe(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var slash = names[i].LastIndexOf('/');
            if (slash > 0)
            {
                names.IndexOf(names[i][..slash]).ShouldBeInRange(0, i - 1, $"parent of {names[i]}");
            }
        }
    }

    [Fact]
    public void Build_ExtraFiles_LandWhereAskedReadableOnlyByRoot()
    {
        var pk = _temp.Write("PK.auth", "pk auth payload");
        var db = _temp.Write("db.auth", "db auth payload");
        var output = _temp.File("initramfs.img");

        InitramfsBuilder.Build(output, _hull, _libc, _modules, KernelVersion, Modules.Take(1).ToList(),
            new Dictionary<string, string> { ["enroll/PK.auth"] = pk, ["enroll/db.auth"] = db });

        var listing = CpioListing.List(output).ToDictionary(e => e.Name);
        listing["enroll"].Mode.ShouldStartWith("d");
        listing["enroll/PK.auth"].Mode.ShouldBe("-rw-------");
        CpioListing.Read(output, "enroll/PK.auth").ShouldBe("pk auth payload");
        CpioListing.Read(output, "enroll/db.auth").ShouldBe("db auth payload");
    }

    [Fact]
    public void Build_NoModules_ModulesLoadIsAnEmptyLine()
    {
        var output = _temp.File("initramfs.img");

        InitramfsBuilder.Build(output, _hull, _libc, _modules, KernelVersion, []);

        CpioListing.Read(output, "usr/lib/hull/modules.load").Trim().ShouldBeEmpty();
    }

    private Dictionary<string, CpioListingEntry> ListBuilt() => BuildAndList().ToDictionary(e => e.Name);

    private List<string> CpioListingNames() => BuildAndList().Select(e => e.Name).ToList();

    private IReadOnlyList<CpioListingEntry> BuildAndList()
    {
        var output = _temp.File("initramfs.img");
        InitramfsBuilder.Build(output, _hull, _libc, _modules, KernelVersion, Modules);
        return CpioListing.List(output);
    }
}
