using System.Text.Json;
using Hull.Api;

namespace Hull.Ctl;

/// <summary>
/// `hull ctl` / `apiclient`: a few named requests and `raw` for any other. Exit codes: 0 done,
/// 1 the API answered with an error, 2 bad usage, 3 the API could not be reached.
/// </summary>
internal static partial class CtlRunner
{
    public const string Usage = """
        usage: hull ctl COMMAND
          get [KEY|PREFIX ...]       settings (all, under a prefix, or the keys named); "settings." is optional
          set KEY=VALUE ...          change settings and apply them (VALUE is JSON when it parses, else a string)
          set --json JSON            the same with a JSON object of settings
          unset KEY ...              remove settings, each with everything under it, and apply that
                                     (a key with a variant default goes back to the default)
          apply [FILE|- ...]         apply TOML (user-data shape) or JSON files of settings; - is stdin
            set, unset and apply take --confirm-within TIME (60s, 5m, 1h): the change is reverted
            unless confirmed in time (for changes that could cut you off); or --tx NAME: only
            stage the change in transaction NAME, to commit later with others
          confirm [ID]               keep the change awaiting confirmation
          pending-confirmation       the change awaiting confirmation: keys, old and new values, deadline
          os                         what is running: version, variant, slot, Secure Boot
          services                   state of each supervised service
          service-log SERVICE [--lines N]
                                     the last lines (200 unless N) of a host service's log
          run NAME IMAGE [--replicas N] [--port [HOST:]CONTAINER[/udp]]... [--env KEY=VALUE]...
              [--volume NAME:PATH[:ro]]... [--health http:PORT/PATH|tcp:PORT] [--restart always|on-failure|never] [--cpus N] [--memory SIZE]
              [--user-namespace] [-- COMMAND [ARG...]]
                                     declare (or change) workload NAME in settings.workloads
          scale NAME N               run N replicas of workload NAME
          rm NAME                    remove workload NAME (settings.workloads.NAME): its replicas stop
          import FILE [--name NAME]  load an OCI image archive into containerd (no registry needed)
          ps [--json]                every workload and its replicas
          logs NAME [--lines N] [--follow]
                                     the last lines (100 unless N) of each replica of workload NAME;
                                     --follow (-f) then prints what they write until Ctrl-C
          exec [-i] [-t] NAME -- COMMAND [ARG...]
                                     run a command in host container NAME (admin, control); -i passes stdin,
                                     -t gives it a terminal (-it for a shell); exits with the command's code
          host-containers            state of each host container
          bootstrap-containers       this boot's bootstrap containers and how each ended
          boot-timeline              when each boot phase and service started and became ready
          metrics                    memory, uptime and services in the Prometheus text format
          update check               read the update repository: newer versions, the one chosen, why others are not
          update apply [--reboot]    write the chosen version to the other slot and make it boot next (on trial: it
                                     must become healthy, or the host goes back by itself); --reboot reboots into it
          update cancel              keep booting the running version (the written slot stays, unused)
          update rollback [--reboot] boot the other slot's version next, if it is good
          update status              the updater's state, the last command and the last boot assessment
          reboot                     reboot the host
          raw [-X METHOD] [-d BODY] PATH
                                     any request; prints the JSON answer
        exit codes: 0 ok, 1 the API refused the request, 2 usage, 3 the API is unreachable;
        exec: the command's own
        """;

    /// <summary>Runs one ctl command; <paramref name="streams"/> is what `exec` needs (null where it is not offered).</summary>
    public static async Task<int> RunAsync(HttpClient client, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken, CtlStreams? streams = null)
    {
        var session = new CtlSession(client, output, error, cancellationToken);
        if (args is ["set" or "apply" or "unset", ..])
        {
            var (afterConfirm, seconds, problem) = TakeConfirmWithin(args[1..]);
            var (rest, transaction, txProblem) = TakeTransaction(afterConfirm);
            problem ??= txProblem ?? (seconds is not null && transaction is not null ? "--tx only stages the change; --confirm-within belongs to its commit" : null);
            if (problem is not null)
            {
                return await session.UsageAsync(problem).ConfigureAwait(false);
            }

            var mode = new CommitMode(seconds, transaction);
            return args[0] switch
            {
                "apply" => await ApplySettingsAsync(session, rest.Length == 0 ? ["-"] : rest, mode).ConfigureAwait(false),
                "unset" => await UnsetSettingsAsync(session, rest, mode).ConfigureAwait(false),
                _ => rest.Length > 0 ? await SetSettingsAsync(session, rest, mode).ConfigureAwait(false)
                    : await session.UsageAsync("set needs KEY=VALUE or --json JSON").ConfigureAwait(false),
            };
        }

        if (args is ["get", .. var keys])
        {
            return await GetSettingsAsync(session, keys).ConfigureAwait(false);
        }

        switch (args)
        {
            case ["run", var name, var image, .. var options]:
                return await RunWorkloadAsync(session, name, image, options).ConfigureAwait(false);
            case ["scale", var name, var count]:
                return await ScaleWorkloadAsync(session, name, count).ConfigureAwait(false);
            case ["rm", var name]:
                return await RemoveWorkloadAsync(session, name).ConfigureAwait(false);
            case ["import", var file]:
                return await ImportImageAsync(session, file, null).ConfigureAwait(false);
            case ["import", var file, "--name", var imageName]:
                return await ImportImageAsync(session, file, imageName).ConfigureAwait(false);
            case ["logs", var followed, .. var logOptions] when logOptions.Contains("--follow") || logOptions.Contains("-f"):
                return await FollowLogsAsync(session, followed, logOptions).ConfigureAwait(false);
            case ["exec", .. var execArgs]:
                return await ExecAsync(session, client, streams, execArgs).ConfigureAwait(false);
            case ["update", .. var updateArgs]:
                return await UpdateAsync(session, updateArgs).ConfigureAwait(false);
            case ["ps", .. var psOptions] when psOptions is [] or ["--json"]:
                return await ListWorkloadsAsync(session, psOptions.Length == 1).ConfigureAwait(false);
        }

        (HttpMethod Method, string Path, string? Body)? request = args switch
        {
            ["os"] => (HttpMethod.Get, "/os", null),
            ["services"] => (HttpMethod.Get, "/services", null),
            ["host-containers"] => (HttpMethod.Get, "/host-containers", null),
            ["bootstrap-containers"] => (HttpMethod.Get, "/bootstrap-containers", null),
            ["logs", var workload] => (HttpMethod.Get, $"/workloads/{Uri.EscapeDataString(workload)}/logs", null),
            ["logs", var workload, "--lines", var count] => (HttpMethod.Get, $"/workloads/{Uri.EscapeDataString(workload)}/logs?lines={Uri.EscapeDataString(count)}", null),
            ["service-log", var service] => (HttpMethod.Get, $"/services/{Uri.EscapeDataString(service)}/log", null),
            ["service-log", var service, "--lines", var lines] => (HttpMethod.Get, $"/services/{Uri.EscapeDataString(service)}/log?lines={Uri.EscapeDataString(lines)}", null),
            ["boot-timeline"] => (HttpMethod.Get, "/boot-timeline", null),
            ["metrics"] => (HttpMethod.Get, "/metrics", null),
            ["reboot"] => (HttpMethod.Post, "/actions/reboot", null),
            ["confirm"] => (HttpMethod.Post, "/tx/confirm", null),
            ["confirm", var id] => (HttpMethod.Post, "/tx/confirm?id=" + Uri.EscapeDataString(id), null),
            ["pending-confirmation"] => (HttpMethod.Get, "/tx/pending-confirmation", null),
            ["raw", .. var rest] => ParseRaw(rest),
            _ => null,
        };
        if (request is not var (method, path, body))
        {
            return await session.UsageAsync(null).ConfigureAwait(false);
        }

        var (code, text) = await session.SendAsync(method, path, body).ConfigureAwait(false);
        if (code == 0)
        {
            await output.WriteAsync(args[0] switch { "os" => FormatOs(text) + "\n", "service-log" or "logs" => text, _ => text + "\n" }).ConfigureAwait(false);
        }

        return code;
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

}
