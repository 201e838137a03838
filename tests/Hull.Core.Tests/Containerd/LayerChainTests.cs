using Hull.Containerd;

namespace Hull.Core.Tests.Containerd;

public sealed class LayerChainTests
{
    [Fact]
    public void ChainIds_ThreeLayers_FirstIsTheDiffIdThenSha256OfParentSpaceDiffId()
    {
        string[] diffIds = [Digest('a'), Digest('b'), Digest('c')];

        var chain = LayerChain.ChainIds(diffIds);

        chain.Count.ShouldBe(3);
        chain[0].ShouldBe(diffIds[0]);
        // Oracle: sha256sum over the spec's "parent diffid" string.
        chain[1].ShouldBe(Sha256Sum($"{diffIds[0]} {diffIds[1]}"));
        chain[2].ShouldBe(Sha256Sum($"{chain[1]} {diffIds[2]}"));
    }

    [Fact]
    public void ChainIds_NoLayers_Empty()
    {
        LayerChain.ChainIds([]).ShouldBeEmpty();
    }

    private static string Digest(char c) => $"sha256:{new string(c, 64)}";

    private static string Sha256Sum(string text)
    {
        using var temp = new TempDirectory();
        var path = temp.Write("text", text);
        return $"sha256:{ExternalTool.RunChecked("sha256sum", path).Stdout.Split(' ')[0]}";
    }
}
