namespace Hull.Ctl;

/// <summary>
/// What `hull ctl exec` needs beyond the HTTP client: a way to open a WebSocket to the same API, the raw standard
/// streams, and whether stdin is a terminal (then a terminal session puts it in raw mode and follows its size).
/// </summary>
internal sealed record CtlStreams(Func<HttpMessageInvoker> OpenInvoker, Stream Stdin, Stream Stdout, Stream Stderr, bool StdinIsTerminal)
{
    /// <summary>This process's own streams, for an API reached through <paramref name="handler"/>.</summary>
    public static CtlStreams ForConsole(Func<HttpMessageHandler> handler) => new(
        () => new HttpMessageInvoker(handler()),
        Console.OpenStandardInput(),
        Console.OpenStandardOutput(),
        Console.OpenStandardError(),
        !Console.IsInputRedirected);
}
