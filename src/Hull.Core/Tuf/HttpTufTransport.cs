using System.Net;

namespace Hull.Tuf;

/// <summary>
/// A repository served over HTTP(S): under one base URI (which should end in '/'), or with metadata and target
/// files under two (a host's <c>settings.updates.metadata-base-url</c> and <c>targets-base-url</c>).
/// </summary>
public sealed class HttpTufTransport : ITufTransport
{
    private readonly HttpClient _client;
    private readonly Uri _baseUri;
    private readonly Uri? _metadataBaseUri;
    private readonly Uri? _targetsBaseUri;

    /// <summary>Fetches files under <paramref name="baseUri"/> with <paramref name="client"/> (owned by the caller).</summary>
    public HttpTufTransport(HttpClient client, Uri baseUri)
    {
        _client = client;
        _baseUri = Folder(baseUri);
    }

    /// <summary>
    /// Fetches "metadata/NAME" as <paramref name="metadataBaseUri"/>/NAME and "targets/PATH" as
    /// <paramref name="targetsBaseUri"/>/PATH, with <paramref name="client"/> (owned by the caller).
    /// </summary>
    public HttpTufTransport(HttpClient client, Uri metadataBaseUri, Uri targetsBaseUri)
    {
        _client = client;
        _metadataBaseUri = Folder(metadataBaseUri);
        _targetsBaseUri = Folder(targetsBaseUri);
        _baseUri = _metadataBaseUri;
    }

    /// <inheritdoc/>
    public async Task<Stream?> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (TufRepositoryLayout.CheckTargetPath(path) is { } problem)
        {
            throw new ArgumentException($"{_baseUri}: {problem}", nameof(path));
        }

        var (baseUri, relative) = Split(path);
        var uri = new Uri(baseUri, string.Join('/', relative.Split('/').Select(Uri.EscapeDataString)));
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

    private (Uri Base, string Relative) Split(string path)
    {
        if (_metadataBaseUri is not null && path.StartsWith(TufRepositoryLayout.MetadataFolder + "/", StringComparison.Ordinal))
        {
            return (_metadataBaseUri, path[(TufRepositoryLayout.MetadataFolder.Length + 1)..]);
        }

        if (_targetsBaseUri is not null && path.StartsWith(TufRepositoryLayout.TargetsFolder + "/", StringComparison.Ordinal))
        {
            return (_targetsBaseUri, path[(TufRepositoryLayout.TargetsFolder.Length + 1)..]);
        }

        return (_baseUri, path);
    }

    private static Uri Folder(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
