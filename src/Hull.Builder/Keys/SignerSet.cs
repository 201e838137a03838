using Hull.Tuf;

namespace Hull.Builder.Keys;

/// <summary>Loaded signing keys, disposed together.</summary>
internal sealed class SignerSet(IEnumerable<TufSigner> signers) : IDisposable
{
    /// <summary>The keys; the TUF writer picks, per role, those root.json lists.</summary>
    public List<TufSigner> All { get; } = [.. signers];

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var signer in All)
        {
            signer.Dispose();
        }
    }
}
