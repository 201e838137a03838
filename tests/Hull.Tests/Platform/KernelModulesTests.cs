using Hull.Platform;

namespace Hull.Tests.Platform;

/// <summary>Module policy against a temporary root standing in for /proc/modules, /sys/module and the image's index; the calls are recorded, not made.</summary>
public sealed class KernelModulesTests : IDisposable
{
    private const string Key = "settings.kernel.modules.x.allowed";

    private readonly TempDirectory _dir = new();
    private readonly FakeModuleSyscalls _calls = new();

    public KernelModulesTests()
    {
        _dir.Write("usr/lib/hull/modules.index", """
            udp_tunnel /m/udp_tunnel.ko
            wireguard /m/udp_tunnel.ko /m/wireguard.ko
            isofs /m/cdrom.ko /m/isofs.ko
            br_netfilter /m/bridge.ko /m/br_netfilter.ko

            """);
    }

    public void Dispose() => _dir.Dispose();

    private KernelModules Modules(string procModules, params string[] sysModules)
    {
        _dir.Write("proc/modules", procModules);
        foreach (var name in sysModules)
        {
            Directory.CreateDirectory(_dir.File($"sys/module/{name}"));
        }

        return new KernelModules(_dir.Path, _calls);
    }

    [Fact]
    public void Apply_AllowedAndNotLoaded_LoadsItsChainInOrderFromTheRoot()
    {
        Modules("").Apply("wireguard", KernelModules.Loaded, Key);

        _calls.Calls.ShouldBe([$"load {_dir.File("m/udp_tunnel.ko")}", $"load {_dir.File("m/wireguard.ko")}"]);
    }

    [Fact]
    public void Apply_AllowedAndLoaded_DoesNothing()
    {
        Modules("wireguard 114688 0 - Live 0x0\n", "wireguard").Apply("wireguard", KernelModules.Loaded, Key);

        _calls.Calls.ShouldBeEmpty();
    }

    [Fact]
    public void Apply_AllowedButNotInTheImage_RefusedNamingTheKeyAndWhatIsShipped()
    {
        var error = Should.Throw<IOException>(() => Modules("").Apply("nbd", KernelModules.Loaded, "settings.kernel.modules.nbd.allowed"));

        error.Message.ShouldBe("settings.kernel.modules.nbd.allowed: this image has no kernel module nbd (it ships br_netfilter, isofs, udp_tunnel, wireguard)");
        _calls.Calls.ShouldBeEmpty();
    }

    [Fact]
    public void Apply_AllowedAndTheKernelRefuses_NamesTheKeyAndTheModule()
    {
        _calls.Failing.Add(_dir.File("m/wireguard.ko"));

        var error = Should.Throw<IOException>(() => Modules("").Apply("wireguard", KernelModules.Loaded, Key));

        error.Message.ShouldStartWith($"{Key}: loading wireguard failed: finit_module(");
    }

    [Fact]
    public void Apply_BlockedLoadedAndUnused_Unloads()
    {
        Modules("isofs 57344 0 - Live 0x0\ncdrom 81920 1 isofs, Live 0x0\n", "isofs", "cdrom").Apply("isofs", KernelModules.NotLoaded, Key);

        _calls.Calls.ShouldBe(["unload isofs"]);
    }

    [Fact]
    public void Apply_BlockedWithDashSpelling_UnloadsTheKernelName()
    {
        Modules("br_netfilter 36864 0 - Live 0x0\n", "br_netfilter").Apply("br-netfilter", KernelModules.NotLoaded, Key);

        _calls.Calls.ShouldBe(["unload br_netfilter"]);
    }

    [Fact]
    public void Apply_BlockedButUsedByOthers_RefusedNamingTheKeyAndTheHolders()
    {
        var modules = Modules("bridge 311296 1 br_netfilter, Live 0x0\nbr_netfilter 36864 0 - Live 0x0\n", "bridge", "br_netfilter");

        var error = Should.Throw<IOException>(() => modules.Apply("bridge", KernelModules.NotLoaded, Key));

        error.Message.ShouldBe($"{Key}: bridge is in use (by br_netfilter): it stays loaded until the next boot, which will not load it");
        _calls.Calls.ShouldBeEmpty();
    }

    [Fact]
    public void Apply_BlockedAndHeldOpen_RefusedWithTheReferenceCount()
    {
        var modules = Modules("overlay 155648 3 - Live 0x0\n", "overlay");

        Should.Throw<IOException>(() => modules.Apply("overlay", KernelModules.NotLoaded, Key)).Message.ShouldContain("overlay is in use (3 references)");
    }

    [Fact]
    public void Apply_BlockedButBuiltIn_RefusedNamingTheKey()
    {
        var modules = Modules("", "ext4");

        Should.Throw<IOException>(() => modules.Apply("ext4", KernelModules.NotLoaded, Key)).Message.ShouldBe($"{Key}: ext4 is built into this kernel, not a module: it cannot be kept out");
    }

    [Fact]
    public void Apply_BlockedAndNotLoaded_DoesNothing()
    {
        Modules("").Apply("isofs", KernelModules.NotLoaded, Key);

        _calls.Calls.ShouldBeEmpty();
    }

    [Fact]
    public void State_SysfsFolder_LoadedWhileItExists()
    {
        var modules = Modules("", "wireguard");

        modules.State("wireguard").ShouldBe(KernelModules.Loaded);
        modules.State("isofs").ShouldBe(KernelModules.NotLoaded);
    }
}
