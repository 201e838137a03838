using System.Text;
using System.Text.Json;
using Hull.Api;

namespace Hull.Ctl;

/// <summary>One `hull ctl` invocation: its client and streams, and the one way requests are sent and failures reported.</summary>
internal sealed class CtlSession(HttpClient client, TextWriter output, TextWriter error, CancellationToken cancellationToken)
{
    public TextWriter Output => output;

    public TextWriter Error => error;

    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>Sends a request; returns 0 and the body, 1 after printing the API's refusal, or 3 after printing why it could not be reached.</summary>
    public Task<(int Code, string Body)> SendAsync(HttpMethod method, string path, string? body) =>
        SendContentAsync(method, path, body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"));

    /// <summary>The same with any body (a file streamed as it is read); the content is disposed with the request.</summary>
    public async Task<(int Code, string Body)> SendContentAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var message = new HttpRequestMessage(method, path) { Content = content };

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            await error.WriteLineAsync($"hull ctl: cannot reach the API at {client.BaseAddress}: {Innermost(e).Message}").ConfigureAwait(false);
            return (3, "");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (0, text);
            }

            await error.WriteLineAsync($"hull ctl: {method} {path}: {(int)response.StatusCode} {response.StatusCode}: {ErrorText(text)}").ConfigureAwait(false);
            return (1, text);
        }
    }

    /// <summary>
    /// GETs <paramref name="path"/> and copies its body to the output line by line as it arrives, until the server ends it
    /// (a followed log ends only with the host or Ctrl-C); exit codes as <see cref="SendAsync"/>.
    /// </summary>
    public async Task<int> StreamAsync(string path)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            await error.WriteLineAsync($"hull ctl: cannot reach the API at {client.BaseAddress}: {Innermost(e).Message}").ConfigureAwait(false);
            return 3;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                await error.WriteLineAsync($"hull ctl: GET {path}: {(int)response.StatusCode} {response.StatusCode}: {ErrorText(text)}").ConfigureAwait(false);
                return 1;
            }

            try
            {
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    await output.WriteLineAsync(line).ConfigureAwait(false);
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped following.
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                await error.WriteLineAsync($"hull ctl: the stream from {client.BaseAddress} broke: {Innermost(e).Message}").ConfigureAwait(false);
                return 3;
            }

            return 0;
        }
    }

    /// <summary>Prints <paramref name="problem"/> (if any) and the usage; returns exit code 2.</summary>
    public async Task<int> UsageAsync(string? problem)
    {
        if (problem is not null)
        {
            await error.WriteLineAsync($"hull ctl: {problem}").ConfigureAwait(false);
        }

        await error.WriteLineAsync(CtlRunner.Usage).ConfigureAwait(false);
        return 2;
    }

    // Every problem on its own line, so a refused change shows each key and rule.
    private static string ErrorText(string body)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize(body, ApiJsonContext.Default.ApiError);
            return parsed is null ? body
                : parsed.Details is { Count: > 1 } details ? parsed.Error.Split(':')[0] + ":\n  " + string.Join("\n  ", details)
                : parsed.Error;
        }
        catch (JsonException)
        {
            return body.Length == 0 ? "(no body)" : body;
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
