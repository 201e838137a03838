using Hull.Builder.Boot;
using Hull.Builder.Disk;
using Hull.Builder.Tests.TestSupport;

namespace Hull.Builder.Tests.Boot;

public sealed class EspImageTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task BuildAsync_LoaderAndUkis_MdirListsThemWhereTheFirmwareLooks()
    {
        var esp = await BuildAsync();

        Bare("::/EFI/BOOT").ShouldBe(["::/EFI/BOOT/BOOTX64.EFI"]);
        Bare("::/EFI/Linux").ShouldBe(["::/EFI/Linux/hull-0.1.0-a.efi", "::/EFI/Linux/hull-0.2.0-b.efi"], ignoreOrder: true);

        string[] Bare(string folder) => ExternalTool.RunChecked("mdir", "-b", "-i", esp, folder).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    [Fact]
    public async Task BuildAsync_LoaderAndUkis_LoaderConfIsTheDocumentedText()
    {
        var esp = await BuildAsync();

        ExternalTool.RunChecked("mtype", "-i", esp, "::/loader/loader.conf").Stdout.ShouldBe(EspImage.LoaderConf);
    }

    [Fact]
    public async Task BuildAsync_LoaderAndUkis_FilesCopyBackOutUnchanged()
    {
        var esp = await BuildAsync();

        foreach (var (inside, source) in (ReadOnlySpan<(string, string)>)[("::/EFI/BOOT/BOOTX64.EFI", "loader.efi"), ("::/EFI/Linux/hull-0.2.0-b.efi", "b.efi")])
        {
            var back = _temp.File("back.bin");
            File.Delete(back);
            ExternalTool.RunChecked("mcopy", "-i", esp, inside, back);
            File.ReadAllBytes(back).ShouldBe(File.ReadAllBytes(_temp.File(source)), inside);
        }
    }

    [Fact]
    public async Task BuildAsync_AnyInput_Fat32WithFixedLabelAndSerialThatFsckAccepts()
    {
        var esp = await BuildAsync();

        new FileInfo(esp).Length.ShouldBe(DiskLayout.EspSize);
        ExternalTool.RunChecked("fsck.vfat", "-n", esp);
        var info = ExternalTool.RunChecked("minfo", "-i", esp, "::").Stdout;
        info.ShouldContain("disk label=\"HULL-ESP   \"");
        info.ShouldContain("serial number: 48554C4C", Case.Insensitive);
        info.ShouldContain("disk type=\"FAT32   \"");
    }

    private async Task<string> BuildAsync()
    {
        var loader = _temp.Write("loader.efi", "MZ fake systemd-boot"u8.ToArray());
        var a = _temp.Write("a.efi", new byte[70_000]);
        var b = _temp.Write("b.efi", Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray());
        var work = Directory.CreateDirectory(_temp.File("work")).FullName;
        var esp = _temp.File("esp.img");

        await EspImage.BuildAsync(esp, DiskLayout.EspSize, loader, new Dictionary<string, string> { ["hull-0.1.0-a.efi"] = a, ["hull-0.2.0-b.efi"] = b }, work, TestContext.Current.CancellationToken);

        return esp;
    }
}
