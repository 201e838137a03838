using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hull.Testing.Http;

/// <summary>
/// A folder served over real HTTP on 127.0.0.1 (Kestrel) under /repo/, whatever Host the client names (a guest
/// reaching it through QEMU's guestfwd names its own address); <c>status</c> can answer a path with an error
/// instead, and <see cref="Rewrite"/> can change a file's bytes on the way out (a tampering mirror).
/// </summary>
public sealed class StaticHttpServer : IDisposable
{
    private const string Prefix = "/repo/";
    private readonly string _root;
    private readonly Func<string, HttpStatusCode?> _status;
    private readonly WebApplication _app;

    public StaticHttpServer(string root, Func<string, HttpStatusCode?>? status = null)
    {
        _root = root;
        _status = status ?? (_ => null);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(AnswerAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        Port = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        BaseUri = new Uri($"http://127.0.0.1:{Port}{Prefix}");
    }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>http://127.0.0.1:PORT/repo/.</summary>
    public Uri BaseUri { get; }

    /// <summary>Given the path under the folder and the file's bytes, what to send instead; null sends the file.</summary>
    public Func<string, byte[], byte[]?> Rewrite { get; set; } = (_, _) => null;

    /// <summary>Given the path under the folder, a pause after each 64 KiB sent (a slow link); null sends at once.</summary>
    public Func<string, TimeSpan?> ChunkDelay { get; set; } = _ => null;

    private async Task AnswerAsync(HttpContext context)
    {
        var requested = context.Request.Path.Value ?? "";
        if (!requested.StartsWith(Prefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var relative = Uri.UnescapeDataString(requested[Prefix.Length..]);
        var path = Path.Combine(_root, relative);
        if (_status(relative) is { } status)
        {
            context.Response.StatusCode = (int)status;
        }
        else if (File.Exists(path))
        {
            var bytes = await File.ReadAllBytesAsync(path);
            bytes = Rewrite(relative, bytes) ?? bytes;
            context.Response.ContentLength = bytes.Length;
            if (ChunkDelay(relative) is not { } delay)
            {
                await context.Response.Body.WriteAsync(bytes);
                return;
            }

            for (var sent = 0; sent < bytes.Length; sent += 64 * 1024)
            {
                await context.Response.Body.WriteAsync(bytes.AsMemory(sent, Math.Min(64 * 1024, bytes.Length - sent)), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(delay, context.RequestAborted);
            }
        }
        else
        {
            context.Response.StatusCode = 404;
        }
    }

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
