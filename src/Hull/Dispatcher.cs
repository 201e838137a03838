using Hull.Api;
using Hull.Ctl;
using Hull.Init;
using Hull.Interop;
using Hull.Stage1;

namespace Hull;

/// <summary>Picks the component to run from the name the binary was started as, or its first argument.</summary>
internal static class Dispatcher
{
    public static int Run(string[] args)
    {
        var invokedAs = Path.GetFileName(Environment.GetCommandLineArgs()[0]);
        if (invokedAs == "init" && Libc.GetPid() == 1)
        {
            return Stage1Init.Run();
        }

        if (invokedAs == "apiclient")
        {
            return Ctl(args);
        }

        return args switch
        {
            ["ctl", .. var rest] => Ctl(rest),
            ["init", ..] when Libc.GetPid() == 1 => Pid1.Run(),
            ["apiserver", .. var rest] => ApiServer.Run(rest),
            ["timesync"] => TimeSync.TimeSyncService.Run(),
            ["workloads"] => Workloads.WorkloadService.Run(),
            ["updater"] => Updates.UpdaterService.Run(),
            ["--version"] => Version(),
            _ => Usage(),
        };
    }

    private static int Ctl(string[] args)
    {
        using var client = ApiClient.ForUnixSocket(ApiServer.SocketPath);
        var streams = CtlStreams.ForConsole(() => ApiClient.UnixSocketHandler(ApiServer.SocketPath));
        return CtlRunner.RunAsync(client, args, Console.Out, Console.Error, CancellationToken.None, streams).GetAwaiter().GetResult();
    }

    private static int Version()
    {
        Console.WriteLine(typeof(Dispatcher).Assembly.GetName().Version);
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage: hull COMMAND
              init        PID 1 on the host (stage 1 when started as /init in the initramfs)
              apiserver   the host's API server
                          [--socket PATH --state DIR --root DIR]: a sandbox on another machine (benchmarks)
              timesync    keeps the clock on settings.ntp.time-servers (SNTP)
              workloads   runs settings.workloads on containerd (CRI) and keeps them as declared
              updater     signed A/B updates: serves refresh, prepare, activate, deactivate, rollback and status on /run/hull/updater.sock
              ctl         the API client (also reachable as apiclient); `hull ctl` for its commands
              --version   print the version
            """);
        return 2;
    }
}
