using System.Text;
using Hull.Builder.Boot;
using Hull.Builder.Tests.TestSupport;

namespace Hull.Builder.Tests.Boot;

public sealed class UkiBuilderTests : IDisposable
{
    private const string CommandLine = "console=ttyS0 quiet panic=5 hull.root=PARTLABEL=ROOT-A hull.verity=0123abcd";
    private const string OsRelease = "NAME=Hull\nID=hull\nVERSION_ID=0.1.0\n";

    private static readonly string[] Added = [".osrel", ".cmdline", ".linux", ".initrd"];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task BuildAsync_FakeParts_AddsTheFourSectionsInOrder()
    {
        var uki = await BuildAsync(kernelBytes: 5000, initramfsBytes: 3000);

        var names = Objdump.Sections(uki).Select(s => s.Name).ToList();

        names.Where(Added.Contains).ShouldBe(Added);
        names.TakeLast(4).ShouldBe(Added);
    }

    [Fact]
    public async Task BuildAsync_FakeParts_SectionsAre4KiBAlignedIncreasingAndAboveTheStub()
    {
        var stub = await SystemdBoot.StubAsync();
        var (imageBase, sizeOfImage) = Objdump.PeHeader(stub);
        var stubSections = Objdump.Sections(stub);

        var uki = await BuildAsync(kernelBytes: 5000, initramfsBytes: 3000);

        var added = Objdump.Sections(uki).Where(s => Added.Contains(s.Name)).ToList();
        added[0].Vma.ShouldBeGreaterThanOrEqualTo(imageBase + sizeOfImage);
        added[0].Vma.ShouldBeGreaterThanOrEqualTo(stubSections.Max(s => s.Vma + s.Size));
        for (var i = 0; i < added.Count; i++)
        {
            (added[i].Vma % 4096).ShouldBe(0ul, added[i].Name);
            if (i > 0)
            {
                added[i].Vma.ShouldBeGreaterThanOrEqualTo(added[i - 1].Vma + added[i - 1].Size, $"{added[i].Name} overlaps {added[i - 1].Name}");
            }
        }
    }

    [Fact]
    public async Task BuildAsync_KernelBiggerThan16MiB_InitrdStillFollowsIt()
    {
        var uki = await BuildAsync(kernelBytes: (17 << 20) + 123, initramfsBytes: 4096);

        var sections = Objdump.Sections(uki).ToDictionary(s => s.Name);
        sections[".linux"].Size.ShouldBe((ulong)(17 << 20) + 123);
        sections[".initrd"].Vma.ShouldBeGreaterThanOrEqualTo(sections[".linux"].Vma + sections[".linux"].Size);
        (sections[".initrd"].Vma % 4096).ShouldBe(0ul);

        // The firmware maps SizeOfImage bytes: the added sections must lie inside it.
        var (imageBase, sizeOfImage) = Objdump.PeHeader(uki);
        (imageBase + sizeOfImage).ShouldBeGreaterThanOrEqualTo(sections[".initrd"].Vma + sections[".initrd"].Size);
    }

    [Fact]
    public async Task BuildAsync_FakeParts_SectionsHoldTheExactBytes()
    {
        var uki = await BuildAsync(kernelBytes: 5000, initramfsBytes: 3000);

        Encoding.UTF8.GetString(Objdump.SectionBytes(uki, ".cmdline", _temp.Path)).ShouldBe(CommandLine);
        Encoding.UTF8.GetString(Objdump.SectionBytes(uki, ".osrel", _temp.Path)).ShouldBe(OsRelease);
        Objdump.SectionBytes(uki, ".linux", _temp.Path).ShouldBe(File.ReadAllBytes(_temp.File("vmlinuz")));
        Objdump.SectionBytes(uki, ".initrd", _temp.Path).ShouldBe(File.ReadAllBytes(_temp.File("initramfs.img")));
    }

    [Fact]
    public async Task BuildAsync_ExistingOutput_IsReplaced()
    {
        _temp.Write("uki.efi", "stale");

        var uki = await BuildAsync(kernelBytes: 100, initramfsBytes: 100);

        PeImage.Read(uki).SizeOfImage.ShouldBeGreaterThan(0u);
    }

    private async Task<string> BuildAsync(int kernelBytes, int initramfsBytes)
    {
        var stub = await SystemdBoot.StubAsync();
        var kernel = _temp.Write("vmlinuz", Filled(kernelBytes, 0x4b));
        var initramfs = _temp.Write("initramfs.img", Filled(initramfsBytes, 0x69));
        var osrel = _temp.Write("os-release", OsRelease);
        var cmdline = _temp.Write("cmdline.txt", CommandLine);
        var output = _temp.File("uki.efi");

        await UkiBuilder.BuildAsync(stub, osrel, cmdline, kernel, initramfs, output, TestContext.Current.CancellationToken);

        return output;
    }

    private static byte[] Filled(int length, byte seed)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(seed + (i * 7));
        }

        return bytes;
    }
}
