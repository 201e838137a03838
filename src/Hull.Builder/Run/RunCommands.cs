using System.CommandLine;
using System.Text.Json;
using Hull.Api;
using Hull.Builder.Build;
using Hull.Builder.Tools;
using Hull.Ctl;

namespace Hull.Builder.Run;

/// <summary>`hull run`, `hull stop` and `hull ctl` on the build machine.</summary>
internal static class RunCommands
{
    private static Option<string> NameOption() => new("--name") { Description = "Instance name (several can run side by side)", DefaultValueFactory = _ => "hull" };

    /// <summary>"8080:80" → (host 8080, guest 80); errors name the value.</summary>
    public static (int HostPort, int GuestPort) ParsePublish(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[0], out var host) && int.TryParse(parts[1], out var guest) && host is > 0 and < 65536 && guest is > 0 and < 65536)
        {
            return (host, guest);
        }

        throw new ToolException($"--publish {text}: expected HOSTPORT:GUESTPORT, each 1-65535 (e.g. 8080:80)");
    }

    /// <summary>The --user-data file's TOML, on a line of its own after the instance's table; errors name the file.</summary>
    public static async Task<string?> ReadUserDataAsync(string? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return null;
        }

        if (!File.Exists(file))
        {
            throw new ToolException($"--user-data {file}: no such file");
        }

        var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        if (bytes is [0x1f, 0x8b, ..])
        {
            throw new ToolException($"--user-data {file}: gzip cannot be added to the instance's own user data; give the TOML text");
        }

        return "\n" + System.Text.Encoding.UTF8.GetString(bytes) + "\n";
    }

    public static Command Run()
    {
        var name = NameOption();
        var direct = new Option<bool>("--direct") { Description = "Direct kernel boot (QEMU -kernel): no firmware, no Secure Boot; quicker for development" };
        var detach = new Option<bool>("--detach") { Description = "Leave the host running in the background and return" };
        var output = new Option<string?>("--output") { Description = "Folder of the build to boot (default: out/)" };
        var diskSize = new Option<string>("--disk-size") { Description = "Size of the instance's disk (the DATA partition grows into it)", DefaultValueFactory = _ => "8G" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the API", DefaultValueFactory = _ => 300 };
        var publish = new Option<string[]>("--publish") { Description = "HOSTPORT:GUESTPORT: make a guest TCP port (a workload's host port) reachable on this machine's 127.0.0.1; repeatable", AllowMultipleArgumentsPerToken = false };
        var userData = new Option<string?>("--user-data") { Description = "FILE: more user data TOML ([settings.motd] ...), added after the instance's own API table; read on first boot" };
        var configDrive = new Option<bool>("--config-drive") { Description = "Hand the user data over on a vfat config drive labelled HULLDATA instead of QEMU fw_cfg" };
        var command = new Command("run", "Boot the built image in QEMU (Secure Boot enforced) and wait until its API answers") { name, direct, detach, output, diskSize, timeout, publish, userData, configDrive };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var repo = BuildPaths.FindRepoRoot();
            var paths = BuildPaths.ForCheckout(repo, parse.GetValue(output));
            var manifestFile = Path.Combine(paths.OutputDirectory, "build.json");
            if (!File.Exists(manifestFile))
            {
                throw new ToolException($"no build in {paths.OutputDirectory}: run `./hull build` first");
            }

            var instanceName = parse.GetValue(name)!;
            if (Instance.Load(repo, instanceName) is { } old && old.IsRunning())
            {
                throw new ToolException($"instance '{instanceName}' is already running (QEMU pid {old.Pid}); `./hull stop --name {instanceName}` first");
            }

            var build = JsonSerializer.Deserialize(await File.ReadAllTextAsync(manifestFile, cancellationToken).ConfigureAwait(false), BuildJsonContext.Default.BuildManifest)!;
            var published = (parse.GetValue(publish) ?? []).Select(ParsePublish).ToList();
            var extraUserData = await ReadUserDataAsync(parse.GetValue(userData), cancellationToken).ConfigureAwait(false);
            var instance = await InstanceLauncher.StartAsync(
                build, Instance.DirectoryFor(repo, instanceName), instanceName, parse.GetValue(direct), parse.GetValue(diskSize)!, cancellationToken, extraUserData,
                published, configDrive: parse.GetValue(configDrive)).ConfigureAwait(false);
            Console.WriteLine($"Booting Hull {build.Version} ({(instance.Direct ? "direct kernel boot" : "UEFI, Secure Boot enforced")}); console log: {instance.SerialLog}");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            OsInfo os;
            try
            {
                os = await InstanceLauncher.WaitForApiAsync(instance, TimeSpan.FromSeconds(parse.GetValue(timeout)), null, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await InstanceLauncher.StopAsync(instance).ConfigureAwait(false);
                throw;
            }

            Console.WriteLine($"""
                Hull is up after {clock.Elapsed.TotalSeconds:F1} s: {os.PrettyName}, slot {os.ActiveSlot}, Secure Boot {os.SecureBoot}.
                API: {instance.ApiAddress} (mutual TLS; client identity in {instance.Tls.Directory})
                  ./hull ctl os          ./hull ctl services          ./hull ctl boot-timeline
                  ./hull stop            stops it
                """);
            if (parse.GetValue(detach))
            {
                return 0;
            }

            Console.WriteLine("Following the console (Ctrl-C stops the host) ...");
            try
            {
                await FollowAsync(instance, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await InstanceLauncher.StopAsync(instance, graceful: true).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    public static Command Stop()
    {
        var name = NameOption();
        var force = new Option<bool>("--force") { Description = "Pull the plug instead of pressing the power button" };
        var command = new Command("stop", "Stop a host started by `hull run`: power button (clean shutdown), then QEMU ends") { name, force };
        command.SetAction(async (parse, _) =>
        {
            var instance = Instance.Load(BuildPaths.FindRepoRoot(), parse.GetValue(name)!);
            if (instance is null || !instance.IsRunning())
            {
                Console.WriteLine($"instance '{parse.GetValue(name)}' is not running");
                return 0;
            }

            await InstanceLauncher.StopAsync(instance, graceful: !parse.GetValue(force)).ConfigureAwait(false);
            Console.WriteLine($"stopped '{instance.Name}'");
            return 0;
        });
        return command;
    }

    public static Command Ctl()
    {
        var name = NameOption();
        var args = new Argument<string[]>("command") { Description = "any `hull ctl` command: os | services | exec [-it] admin -- sh | raw [-X METHOD] [-d BODY] PATH | ... (`./hull ctl help`)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("ctl", "Talk to a running host's API over mutual TLS") { name, args };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var instance = Instance.Load(BuildPaths.FindRepoRoot(), parse.GetValue(name)!)
                ?? throw new ToolException($"no instance '{parse.GetValue(name)}': start one with `./hull run --detach`");
            using var client = ApiClient.ForRemote(instance.ApiAddress, instance.Tls.LoadClient(), instance.Tls.LoadCa());
            string[] words = [.. parse.GetValue(args) ?? [], .. parse.UnmatchedTokens];
            var streams = CtlStreams.ForConsole(() => ApiClient.RemoteHandler(instance.Tls.LoadClient(), instance.Tls.LoadCa()));
            return await CtlRunner.RunAsync(client, words, Console.Out, Console.Error, cancellationToken, streams).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task FollowAsync(Instance instance, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(instance.SerialLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (instance.IsRunning())
        {
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            if (text.Length > 0)
            {
                Console.Write(text);
            }
            else
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
