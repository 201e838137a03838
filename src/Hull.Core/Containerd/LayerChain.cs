using System.Security.Cryptography;
using System.Text;

namespace Hull.Containerd;

/// <summary>
/// Chain IDs (image-spec config.md, "Layer ChainID"): the name of the snapshot that holds layers
/// 0..n applied in order. ChainID(L0) = DiffID(L0); ChainID(L0..Ln) = SHA256 of the string
/// "ChainID(L0..Ln-1) DiffID(Ln)". containerd names committed snapshots by it.
/// </summary>
internal static class LayerChain
{
    /// <summary>The chain ID after each layer: element i names the snapshot with layers 0..i.</summary>
    public static IReadOnlyList<string> ChainIds(IReadOnlyList<string> diffIds)
    {
        var chain = new List<string>(diffIds.Count);
        foreach (var diffId in diffIds)
        {
            chain.Add(chain.Count == 0
                ? diffId
                : $"sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{chain[^1]} {diffId}")))}");
        }

        return chain;
    }
}
