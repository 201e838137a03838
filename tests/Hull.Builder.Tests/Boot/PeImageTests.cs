using Hull.Builder.Boot;
using Hull.Builder.Tests.TestSupport;
using Hull.Builder.Tools;

namespace Hull.Builder.Tests.Boot;

public sealed class PeImageTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Read_SystemdBootStub_AgreesWithObjdump()
    {
        var stub = await SystemdBoot.StubAsync();

        var pe = PeImage.Read(stub);

        var (imageBase, sizeOfImage) = Objdump.PeHeader(stub);
        pe.ImageBase.ShouldBe(imageBase);
        ((ulong)pe.SizeOfImage).ShouldBe(sizeOfImage);
        pe.SizeOfImage.ShouldBeGreaterThan(0u);
    }

    [Fact]
    public async Task Read_SystemdBootLoader_AgreesWithObjdump()
    {
        var loader = await SystemdBoot.BootloaderAsync();

        var pe = PeImage.Read(loader);

        var (imageBase, sizeOfImage) = Objdump.PeHeader(loader);
        (pe.ImageBase, (ulong)pe.SizeOfImage).ShouldBe((imageBase, sizeOfImage));
    }

    [Fact]
    public void Read_ElfFile_ThrowsNamingTheFile()
    {
        var elf = "/usr/bin/true";

        Should.Throw<ToolException>(() => PeImage.Read(elf)).Message.ShouldContain(elf);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(63)]
    [InlineData(200)]
    public void Read_ShortOrTextFile_ThrowsNamingTheFile(int length)
    {
        var path = _temp.Write("not-pe.efi", new string('x', length));

        Should.Throw<ToolException>(() => PeImage.Read(path)).Message.ShouldContain(path);
    }

    [Fact]
    public void Read_LfanewPastTheEnd_ThrowsNamingTheFile()
    {
        var bytes = new byte[256];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        BitConverter.TryWriteBytes(bytes.AsSpan(0x3c), 0x7fff_fff0).ShouldBeTrue();
        var path = _temp.Write("bad-lfanew.efi", bytes);

        Should.Throw<ToolException>(() => PeImage.Read(path)).Message.ShouldContain(path);
    }

    [Fact]
    public void Read_Pe32NotPe32Plus_ThrowsSayingSo()
    {
        var bytes = MinimalPe(magic: 0x10b);
        var path = _temp.Write("pe32.efi", bytes);

        var error = Should.Throw<ToolException>(() => PeImage.Read(path));

        error.Message.ShouldContain(path);
        error.Message.ShouldContain("PE32+");
    }

    [Fact]
    public void Read_MinimalPe32Plus_ReadsImageBaseAndSizeOfImage()
    {
        var path = _temp.Write("tiny.efi", MinimalPe(magic: 0x20b, imageBase: 0x1_4000_0000, sizeOfImage: 0x5000));

        PeImage.Read(path).ShouldBe(new PeImage(0x1_4000_0000, 0x5000));
    }

    // DOS stub pointing at "PE\0\0", a COFF header, and the start of a PE32(+) optional header.
    private static byte[] MinimalPe(ushort magic, ulong imageBase = 0, uint sizeOfImage = 0)
    {
        const int pe = 0x80;
        var bytes = new byte[pe + 24 + 240];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        BitConverter.TryWriteBytes(bytes.AsSpan(0x3c), pe);
        "PE\0\0"u8.CopyTo(bytes.AsSpan(pe));
        var optional = pe + 24;
        BitConverter.TryWriteBytes(bytes.AsSpan(optional), magic);
        BitConverter.TryWriteBytes(bytes.AsSpan(optional + 24), imageBase);
        BitConverter.TryWriteBytes(bytes.AsSpan(optional + 56), sizeOfImage);
        return bytes;
    }
}
