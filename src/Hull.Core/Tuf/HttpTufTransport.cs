using System.Net;

namespace Hull.Tuf;

/// <summary>A repository served over HTTP(S) under <c>baseUri</c> (which should end in '/').</summary>
public sealed class HttpTufTransport : ITufTransport
{
    private readonly HttpClient _client;
    private readonly Uri _baseUri;

    /// <summary>Fetches files under <paramref name="baseUri"/> with <paramref name="client"/> (owned by the caller).</summary>
    public HttpTufTransport(HttpClient client, Uri baseUri)
    {
        _client = client;
        _baseUri = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
    }

    /// <inheritdoc/>
    public async Task<Stream?> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (TufRepositoryLayout.CheckTargetPath(path) is { } problem)
        {
            throw new ArgumentException($"{_baseUri}: {problem}", nameof(path));
        }

        var uri = new Uri(_baseUri, string.Join('/', path.Split('/').Select(Uri.EscapeDataString)));
        var response = await _client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        // Object stores answer 403 for a missing key when listing is not allowed; both mean "no such file",
        // which ends the root chain (spec 5.3.3) rather than failing it.
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            response.Dispose();
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new HttpRequestException($"GET {uri}: {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new ResponseStream(response, body);
    }
}
