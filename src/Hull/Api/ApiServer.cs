using System.Text.Json;
using Hull.Datastore;
using Hull.Platform;
using Hull.Settings;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Hull.Api;

/// <summary>
/// The host's API: HTTP/JSON on /run/api.sock (root only) and, when configured, HTTPS with
/// mutual TLS on TCP for remote clients.
/// </summary>
internal static class ApiServer
{
    public const string SocketPath = "/run/api.sock";
    public const string UserDataCopy = "/var/lib/hull/user-data.toml";

    /// <summary>`hull apiserver`: the host's server; with --socket/--state/--root a sandbox that touches nothing outside those folders (benchmarks on the build machine).</summary>
    public static int Run(string[] args)
    {
        if (args.Length % 2 != 0)
        {
            System.Console.Error.WriteLine("usage: hull apiserver [--socket PATH] [--state DIR] [--root DIR]");
            return 2;
        }

        var options = WithArguments(new ApiServerOptions { Console = Platform.HostConsole.Open() }, args);
        var app = BuildAsync(options, CancellationToken.None).GetAwaiter().GetResult();
        app.Run();
        return 0;
    }

    /// <summary><paramref name="options"/> changed by `hull apiserver`'s --socket, --state and --root (pairs of option and value).</summary>
    internal static ApiServerOptions WithArguments(ApiServerOptions options, IReadOnlyList<string> args)
    {
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            options = args[i] switch
            {
                "--socket" => options with { SocketPath = args[i + 1] },
                "--state" => options with
                {
                    DatastoreDirectory = Path.Combine(args[i + 1], "datastore"),
                    UserDataPath = Path.Combine(args[i + 1], "user-data.toml"),
                    UserDataStatusFile = Path.Combine(args[i + 1], "user-data-status.json"),
                    UpdatesDirectory = Path.Combine(args[i + 1], "updates"),
                },
                // A sandbox answers this machine only: its remote listener (when its user data has one) is on
                // loopback, not on every interface as the host's is.
                "--root" => options with
                {
                    Root = args[i + 1],
                    SetHostname = _ => { },
                    RequestReboot = () => { },
                    Restarter = NoServiceRestarts.Instance,
                    Console = System.Console.Out,
                    RemoteAddress = System.Net.IPAddress.Loopback,
                },
                _ => throw new ArgumentException($"hull apiserver: unknown option {args[i]}"),
            };
        }

        return options;
    }

    /// <summary>The configured server, not yet started: the datastore is open, seeded on first boot, the user data applied once, and every setting applied.</summary>
    public static async Task<WebApplication> BuildAsync(ApiServerOptions options, CancellationToken cancellationToken)
    {
        var store = await FileDatastore.OpenAsync(options.DatastoreDirectory, cancellationToken).ConfigureAwait(false);
        // The settings take this version's shape before the defaults fill what it added.
        if (Updates.HullVersion.TryParse(OsInfoReader.Read(options.Root).VersionId, out var running))
        {
            await SettingsMigrator.RunAsync(store, options.UpdatesDirectory, running, options.Console, cancellationToken).ConfigureAwait(false);
        }

        var settings = new SettingsService(store, new SettingsApplier(options.Root, options.SetHostname, options.Console), SettingsDefaults.DefaultVariant, options.Time, options.Console, options.Restarter);
        await settings.EnsureDefaultsAsync(cancellationToken).ConfigureAwait(false);
        var userData = await EarlyBootConfig.RunOnceAsync(settings, options.UserDataPath, options.UserDataStatusFile, options.Console, cancellationToken).ConfigureAwait(false);

        // Before everything is applied, so a change whose time ran out while the host was down never takes effect again.
        await settings.ResumeConfirmationAsync(cancellationToken).ConfigureAwait(false);
        foreach (var failure in await settings.ApplyAsync(null, cancellationToken).ConfigureAwait(false))
        {
            options.Console.WriteLine($"hull: settings: {failure}");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // No configuration files to watch: a reload-on-change watcher over a big folder cost a second at boot.
            ContentRootPath = Path.GetTempPath(),
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(settings);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));

        var remote = LoadRemote(options.UserDataPath);
        if (File.Exists(options.SocketPath))
        {
            File.Delete(options.SocketPath); // Kestrel will not bind over a stale socket.
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.ListenUnixSocket(options.SocketPath);
            if (remote is not null)
            {
                k.Listen(options.RemoteAddress, options.RemotePortOverride ?? remote.Port, l => l.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = remote.ServerCertificate,
                    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                    ClientCertificateValidation = (cert, _, _) => remote.IsTrustedClient(cert),
                }));
            }
        });

        var app = builder.Build();

        // After a failed datastore write only a fresh open can trust the disk: stop, and the supervisor restarts us.
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                if (store.Failure is { } failure)
                {
                    options.Console.WriteLine($"apiserver: the settings datastore failed a write ({failure.Message}); stopping so that a restart recovers it");
                    app.Lifetime.StopApplication();
                }
            }
        });
        // A transaction committed or applied: wake the services that poll the settings (see FileSignal).
        app.Use(async (context, next) =>
        {
            await next(context).ConfigureAwait(false);
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/tx") && context.Response.StatusCode < 300 && options.SettingsAppliedFile is { } applied)
            {
                Platform.FileSignal.Touch(applied);
            }
        });
        app.UseWebSockets();
        Map(app, options);
        SettingsEndpoints.Map(app, settings, options.Time);
        ConfirmationEndpoints.Map(app, settings, options.Time);
        SettingsEndpoints.MapMetadata(app, settings);
        ModelEndpoints.Map(app, settings, options.Root);
        HostEndpoints.Map(app, options.Root);
        ServiceLogEndpoints.Map(app, options);
        WorkloadEndpoints.Map(app, options);
        HostContainerEndpoints.Map(app, options);
        ExecEndpoints.Map(app, options);
        ImageEndpoints.Map(app, options);
        UpdateEndpoints.Map(app, options);
        app.MapGet("/user-data", () => Results.Json(userData, ApiJsonContext.Default.UserDataStatus));
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            File.SetUnixFileMode(options.SocketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Console.WriteLine($"apiserver: listening on {options.SocketPath}" + (remote is null ? "" : " and TCP with mutual TLS"));
        });
        return app;
    }

    private static void Map(WebApplication app, ApiServerOptions options)
    {
        app.MapGet("/os", () => Results.Json(OsInfoReader.Read(options.Root), ApiJsonContext.Default.OsInfo));
        app.MapGet("/services", () => Results.Json(ReadServices(options.ServicesFile), ApiJsonContext.Default.ListServiceStatus));
        app.MapGet("/metrics", () => Results.Text(HostMetrics.Render(options.Root, ReadServices(options.ServicesFile)), HostMetrics.ContentType));
        app.MapGet("/boot-timeline", () => Results.Json(
            BootTimeline.Read(options.TimelineFile).Select(e => new TimelineEvent(e.Seconds, e.Name)).ToList(), ApiJsonContext.Default.ListTimelineEvent));
        app.MapPost("/actions/reboot", () =>
        {
            // PID 1 reboots on SIGTERM after stopping services and unmounting storage.
            options.RequestReboot();
            return Results.Json(new ActionResult("reboot", "rebooting"), ApiJsonContext.Default.ActionResult, statusCode: 202);
        });
        app.MapFallback(() => Results.Json(new ApiError("no such endpoint"), ApiJsonContext.Default.ApiError, statusCode: 404));
    }

    /// <summary>PID 1's published service states (none before it has written any).</summary>
    public static List<ServiceStatus> ReadServices(string file) =>
        File.Exists(file) ? JsonSerializer.Deserialize(File.ReadAllText(file), ApiJsonContext.Default.ListServiceStatus) ?? [] : [];

    // The identity comes from the user data even when other settings in it were refused: a typo
    // elsewhere must not make the host unreachable.
    private static RemoteTls? LoadRemote(string userDataPath)
    {
        if (!File.Exists(userDataPath))
        {
            return null;
        }

        try
        {
            var parsed = UserDataSettings.Parse(File.ReadAllBytes(userDataPath), userDataPath);
            return RemoteTls.From(parsed.Settings["api"]?["remote"] as System.Text.Json.Nodes.JsonObject);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            Console.Error.WriteLine($"apiserver: remote listener disabled: settings.api.remote: {e.Message}");
            return null;
        }
    }
}
