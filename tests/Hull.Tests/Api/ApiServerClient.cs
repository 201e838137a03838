using Hull.Api;

namespace Hull.Tests.Api;

/// <summary>Base of the test classes that drive the real API server of <see cref="ApiServerTests"/> over its Unix socket.</summary>
public abstract class ApiServerClient : IAsyncLifetime
{
    private HttpClient? _client;

    /// <summary>The server, its temporary root and datastore.</summary>
    internal ApiServerTests Server { get; } = new();

    /// <summary>A client of the server's Unix socket.</summary>
    internal HttpClient Client => _client!;

    /// <summary>The test's cancellation.</summary>
    internal static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await Server.InitializeAsync();
        _client = ApiClient.ForUnixSocket(Path.Combine(Path.GetDirectoryName(Server.Root)!, "api.sock"));
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
