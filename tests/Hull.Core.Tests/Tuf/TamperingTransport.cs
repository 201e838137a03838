using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

/// <summary>A mirror (or man in the middle) that serves what <c>replace</c> says for the paths it chooses, and the real repository otherwise.</summary>
internal sealed class TamperingTransport(ITufTransport inner, Func<string, Stream?> replace) : ITufTransport
{
    public List<string> Requests { get; } = [];

    public async Task<Stream?> OpenAsync(string path, CancellationToken cancellationToken)
    {
        Requests.Add(path);
        return replace(path) ?? await inner.OpenAsync(path, cancellationToken);
    }
}
