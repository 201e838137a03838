using System.Text.Json;
using Hull.Interop;
using Hull.Platform;
using Hull.UserData;
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
    private const string ServicesFile = "/run/hull/services.json";

    public static int Run(string socketPath = SocketPath, string userDataPath = UserDataCopy)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = "/" });
        builder.Logging.ClearProviders();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));

        var remote = LoadRemote(userDataPath);
        if (File.Exists(socketPath))
        {
            File.Delete(socketPath); // Kestrel will not bind over a stale socket.
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.ListenUnixSocket(socketPath);
            if (remote is not null)
            {
                k.ListenAnyIP(remote.Port, l => l.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = remote.ServerCertificate,
                    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                    ClientCertificateValidation = (cert, _, _) => remote.IsTrustedClient(cert),
                }));
            }
        });

        var app = builder.Build();
        Map(app, ServicesFile);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Console.WriteLine($"apiserver: listening on {socketPath}" + (remote is null ? "" : $" and https://0.0.0.0:{remote.Port} (mutual TLS)"));
        });
        app.Run();
        return 0;
    }

    internal static void Map(WebApplication app, string servicesFile)
    {
        app.MapGet("/os", () => Results.Json(OsInfoReader.Read(), ApiJsonContext.Default.OsInfo));
        app.MapGet("/services", () =>
        {
            var list = File.Exists(servicesFile)
                ? JsonSerializer.Deserialize(File.ReadAllText(servicesFile), ApiJsonContext.Default.ListServiceStatus) ?? []
                : [];
            return Results.Json(list, ApiJsonContext.Default.ListServiceStatus);
        });
        app.MapGet("/boot-timeline", () => Results.Json(
            BootTimeline.Read().Select(e => new TimelineEvent(e.Seconds, e.Name)).ToList(), ApiJsonContext.Default.ListTimelineEvent));
        app.MapPost("/actions/reboot", () =>
        {
            // PID 1 reboots on SIGTERM after stopping services and unmounting storage.
            Libc.Kill(1, Libc.SIGTERM);
            return Results.Json(new ActionResult("reboot", "rebooting"), ApiJsonContext.Default.ActionResult, statusCode: 202);
        });
    }

    private static RemoteTls? LoadRemote(string userDataPath)
    {
        if (!File.Exists(userDataPath))
        {
            return null;
        }

        try
        {
            var doc = UserDataParser.Parse(File.ReadAllText(userDataPath), userDataPath);
            return RemoteTls.From(doc.Settings?.Api?.Remote);
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            Console.Error.WriteLine($"apiserver: remote listener disabled: {e.Message}");
            return null;
        }
    }
}
