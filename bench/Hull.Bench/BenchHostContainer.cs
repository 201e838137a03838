using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hull.Api;
using Hull.Ctl;

namespace Hull.Bench;

/// <summary>A superpowered host container the benchmarks run their instruments in (ctr, dd), and commands run in it over the API.</summary>
internal static class BenchHostContainer
{
    /// <summary>Declares host container <paramref name="name"/> from <paramref name="image"/>, superpowered, and waits until it runs.</summary>
    public static async Task StartAsync(HttpClient api, string name, string image, CancellationToken cancellationToken)
    {
        var patch = new JsonObject { ["host-containers"] = new JsonObject { [name] = new JsonObject { ["source"] = image, ["enabled"] = true, ["superpowered"] = true } } };
        using (var response = await api.PatchAsync($"/settings?tx={name}", new StringContent(patch.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken))
        {
            response.EnsureSuccessStatusCode();
        }

        (await api.PostAsync($"/tx/commit_and_apply?tx={name}", null, cancellationToken)).EnsureSuccessStatusCode();
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); ; await Task.Delay(500, cancellationToken))
        {
            var state = JsonSerializer.Deserialize(await api.GetStringAsync("/host-containers", cancellationToken), ApiJsonContext.Default.ListHostContainerStatus) ?? [];
            if (state.Any(h => h.Name == name && h.State == "running"))
            {
                return;
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"host container {name} did not run: {JsonSerializer.Serialize(state, ApiJsonContext.Default.ListHostContainerStatus)}");
            }
        }
    }

    /// <summary>`hull ctl exec NAME -- COMMAND`: its exit code, standard output and standard error (with the client's own errors).</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> ExecAsync(HttpClient api, CtlStreams streams, string name, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var error = new StringWriter();
        var run = streams with { Stdin = Stream.Null, Stdout = stdout, Stderr = stderr };
        var code = await CtlRunner.RunAsync(api, ["exec", name, "--", .. command], TextWriter.Null, error, cancellationToken, run);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()) + error);
    }
}
