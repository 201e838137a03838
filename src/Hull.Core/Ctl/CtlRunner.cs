using System.Net;
using System.Text;
using System.Text.Json;
using Hull.Api;

namespace Hull.Ctl;

/// <summary>
/// `hull ctl` / `apiclient`: a few named requests and `raw` for any other. Exit codes: 0 done,
/// 1 the API answered with an error, 2 bad usage, 3 the API could not be reached.
/// </summary>
internal static class CtlRunner
{
    public const string Usage = """
        usage: hull ctl COMMAND
          os                         what is running: version, variant, slot, Secure Boot
          services                   state of each supervised service
          boot-timeline              when each boot phase and service started and became ready
          metrics                    memory, uptime and services in the Prometheus text format
          reboot                     reboot the host
          raw [-X METHOD] [-d BODY] PATH
                                     any request; prints the JSON answer
        exit codes: 0 ok, 1 the API refused the request, 2 usage, 3 the API is unreachable
        """;

    public static async Task<int> RunAsync(HttpClient client, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        (HttpMethod Method, string Path, string? Body)? request = args switch
        {
            ["os"] => (HttpMethod.Get, "/os", null),
            ["services"] => (HttpMethod.Get, "/services", null),
            ["boot-timeline"] => (HttpMethod.Get, "/boot-timeline", null),
            ["metrics"] => (HttpMethod.Get, "/metrics", null),
            ["reboot"] => (HttpMethod.Post, "/actions/reboot", null),
            ["raw", .. var rest] => ParseRaw(rest),
            _ => null,
        };
        if (request is not var (method, path, body))
        {
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        using var message = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            await error.WriteLineAsync($"hull ctl: cannot reach the API at {client.BaseAddress}: {Innermost(e).Message}").ConfigureAwait(false);
            return 3;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync($"hull ctl: {method} {path}: {(int)response.StatusCode} {response.StatusCode}: {ErrorText(text)}").ConfigureAwait(false);
                return 1;
            }

            await output.WriteLineAsync(args[0] == "os" ? FormatOs(text) : text).ConfigureAwait(false);
            return 0;
        }
    }

    private static (HttpMethod, string, string?)? ParseRaw(string[] rest)
    {
        var method = HttpMethod.Get;
        string? body = null;
        string? path = null;
        for (var i = 0; i < rest.Length; i++)
        {
            switch (rest[i])
            {
                case "-X" when i + 1 < rest.Length:
                    method = new HttpMethod(rest[++i].ToUpperInvariant());
                    break;
                case "-d" when i + 1 < rest.Length:
                    body = rest[++i];
                    break;
                case var p when p.StartsWith('/') && path is null:
                    path = p;
                    break;
                default:
                    return null;
            }
        }

        return path is null ? null : (method, path, body);
    }

    // A readable summary first, then the JSON for scripts that grep it.
    private static string FormatOs(string json)
    {
        var os = JsonSerializer.Deserialize(json, ApiJsonContext.Default.OsInfo);
        return os is null ? json : $"{os.PrettyName} ({os.VariantId}, {os.Arch}), build {os.BuildId}\nslot {os.ActiveSlot}, Secure Boot {os.SecureBoot}, kernel {os.KernelRelease}\n{json}";
    }

    private static string ErrorText(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, ApiJsonContext.Default.ApiError)?.Error ?? body;
        }
        catch (JsonException)
        {
            return body.Length == 0 ? "(no body)" : body;
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
