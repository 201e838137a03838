using System.Net;
using System.Net.Sockets;

namespace Hull.Core.Tests.Tuf;

/// <summary>A folder served over real HTTP on 127.0.0.1 (HttpListener); <c>status</c> can answer a path with an error instead.</summary>
internal sealed class StaticHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly Func<string, HttpStatusCode?> _status;
    private readonly Task _loop;

    public StaticHttpServer(string root, Func<string, HttpStatusCode?>? status = null)
    {
        _root = root;
        _status = status ?? (_ => null);
        // HttpListener cannot bind port 0: borrow a free port from the kernel first.
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/repo/");
        }

        _listener.Prefixes.Add(BaseUri.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var response = context.Response;
            var relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath["/repo/".Length..]);
            var path = Path.Combine(_root, relative);
            if (_status(relative) is { } status)
            {
                response.StatusCode = (int)status;
            }
            else if (File.Exists(path))
            {
                var bytes = await File.ReadAllBytesAsync(path);
                response.ContentLength64 = bytes.Length;
                await response.OutputStream.WriteAsync(bytes);
            }
            else
            {
                response.StatusCode = 404;
            }
        }
    }

    public void Dispose()
    {
        // Close alone: after Stop, Close looks the endpoint up again and binds the port anew, which fails
        // ("Address already in use") once a connection to it lingers in TIME_WAIT.
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(10));
    }
}
