using System.Net;

namespace Hull.Api;

/// <summary>Where the API server listens and what it reads; the defaults are the host's paths, tests point them at temp files.</summary>
internal sealed record ApiServerOptions
{
    public string SocketPath { get; init; } = ApiServer.SocketPath;

    /// <summary>STATE's copy of the user data, holding <c>settings.api.remote</c>.</summary>
    public string UserDataPath { get; init; } = ApiServer.UserDataCopy;

    /// <summary>PID 1's service status file.</summary>
    public string ServicesFile { get; init; } = "/run/hull/services.json";

    /// <summary>containerd's socket (image imports).</summary>
    public string ContainerdSocket { get; init; } = Cri.CriClientOptions.DefaultSocketPath;

    /// <summary>The workload manager's published state.</summary>
    public string WorkloadsFile { get; init; } = Workloads.WorkloadService.StatusFile;

    /// <summary>Touched after each successful POST under /tx, to wake the services that poll the settings (null: none).</summary>
    public string? SettingsAppliedFile { get; init; } = Platform.FileSignal.SettingsApplied;

    /// <summary>The host containers' published state.</summary>
    public string HostContainersFile { get; init; } = Workloads.WorkloadService.HostContainersFile;

    /// <summary>This boot's bootstrap container outcomes, as the workloads service publishes them.</summary>
    public string BootstrapContainersFile { get; init; } = Workloads.WorkloadService.BootstrapFile;

    /// <summary>Where the workloads' pods keep their container logs.</summary>
    public string WorkloadLogRoot { get; init; } = Workloads.WorkloadService.LogRoot;

    /// <summary>Where PID 1 writes each service's output (NAME.log).</summary>
    public string LogDirectory { get; init; } = "/var/log/hull";

    public string TimelineFile { get; init; } = Platform.BootTimeline.DefaultPath;

    /// <summary>The file system root that /etc/os-release, /proc and /sys are read under.</summary>
    public string Root { get; init; } = "/";

    /// <summary>Address of the remote listener (all interfaces on the host).</summary>
    public IPAddress RemoteAddress { get; init; } = IPAddress.Any;

    /// <summary>Overrides the port from the user data (0 picks a free one; tests).</summary>
    public int? RemotePortOverride { get; init; }

    /// <summary>The settings datastore on STATE.</summary>
    public string DatastoreDirectory { get; init; } = "/var/lib/hull/datastore";

    /// <summary>The updater service's control socket, behind /updates and the update actions.</summary>
    public string UpdaterSocket { get; init; } = Updates.UpdaterService.SocketPath;

    /// <summary>The updater's folder on STATE: the settings migrations it saved, and which version the settings were last migrated to.</summary>
    public string UpdatesDirectory { get; init; } = "/var/lib/hull/updates";

    /// <summary>What became of the user data on first boot (on STATE, so later boots still know).</summary>
    public string UserDataStatusFile { get; init; } = "/var/lib/hull/user-data-status.json";

    /// <summary>Where first-boot messages go (the host's console, so an operator without the API sees them).</summary>
    public TextWriter Console { get; init; } = System.Console.Out;

    /// <summary>sethostname(2) on the host; tests record the call instead.</summary>
    public Action<string> SetHostname { get; init; } = Interop.Libc.SetHostname;

    /// <summary>The clock for deadlines of commits awaiting confirmation; tests move a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Restarts the services of changed configuration files: PID 1's control socket on the host; tests record the calls.</summary>
    public Settings.IServiceRestarter Restarter { get; init; } = new Init.InitControlClient(Init.Services.ControlSocket);

    /// <summary>What POST /actions/reboot does (signal PID 1 on the host).</summary>
    public Action RequestReboot { get; init; } = () => Interop.Libc.Kill(1, Interop.Libc.SIGTERM);
}
