using Hull.Builder.Kernel;
using Hull.Builder.Tests.TestSupport;
using Hull.Builder.Tools;

namespace Hull.Builder.Tests.Kernel;

public sealed class ModuleListTests
{
    [Fact]
    public void Parse_InitramfsAndRootLines_KeepsEachListInOrder()
    {
        var text = """
            # modules
            initramfs virtio_blk
            root   overlay   # for containers
            initramfs dm-verity

            root br_netfilter
            optional wireguard
            """;

        var list = ModuleList.Parse(text, "image/modules.txt");

        list.Initramfs.ShouldBe(["virtio_blk", "dm-verity"]);
        list.Root.ShouldBe(["overlay", "br_netfilter"]);
        list.Optional.ShouldBe(["wireguard"]);
    }

    [Theory]
    [InlineData("virtio_blk")]
    [InlineData("initramfs")]
    [InlineData("initramfs a b")]
    [InlineData("boot virtio_blk")]
    [InlineData("Initramfs virtio_blk")]
    [InlineData("optional")]
    public void Parse_BadLine_ThrowsNamingFileAndLine(string badLine)
    {
        var text = $"initramfs virtio_blk\n\n{badLine}\n";

        var error = Should.Throw<ToolException>(() => ModuleList.Parse(text, "image/modules.txt"));

        error.Message.ShouldStartWith("image/modules.txt:3:");
        error.Message.ShouldContain($"'{badLine}'");
    }

    [Fact]
    public void Parse_CommittedModuleList_IsValid()
    {
        var list = ModuleList.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "image", "modules.txt")), "image/modules.txt");

        list.Initramfs.ShouldNotBeEmpty();
    }
}
