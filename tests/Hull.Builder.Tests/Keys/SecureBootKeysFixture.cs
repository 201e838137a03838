using Hull.Builder.Keys;
using Hull.Builder.Tests.TestSupport;

namespace Hull.Builder.Tests.Keys;

/// <summary>Two key sets made once for all the Keys tests (openssl RSA key generation is the slow part).</summary>
public sealed class SecureBootKeysFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    internal SecureBootKeys Keys { get; private set; } = null!;

    internal SecureBootKeys OtherKeys { get; private set; } = null!;

    internal bool FirstEnsureCreated { get; private set; }

    internal string Scratch => _temp.Path;

    public async ValueTask InitializeAsync()
    {
        Keys = new SecureBootKeys(_temp.File("keys"));
        OtherKeys = new SecureBootKeys(_temp.File("other-keys"));
        var first = Keys.EnsureAsync(TestContext.Current.CancellationToken);
        var other = OtherKeys.EnsureAsync(TestContext.Current.CancellationToken);
        FirstEnsureCreated = await first;
        await other;
    }

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}
