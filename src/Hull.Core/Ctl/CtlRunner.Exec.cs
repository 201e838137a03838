using System.Net.WebSockets;
using System.Runtime.InteropServices;
using Hull.Exec;
using Hull.Interop;

namespace Hull.Ctl;

internal static partial class CtlRunner
{
    // `exec [-i] [-t] TARGET [--] COMMAND [ARG...]`: the command's exit code is ctl's (126 when it could not run).
    private static async Task<int> ExecAsync(CtlSession session, HttpClient client, CtlStreams? streams, string[] args)
    {
        var (interactive, terminal) = (false, false);
        var rest = args;
        while (rest.Length > 0 && rest[0] is "-i" or "-t" or "-it" or "-ti")
        {
            interactive |= rest[0] != "-t";
            terminal |= rest[0] != "-i";
            rest = rest[1..];
        }

        if (rest.Length > 0 && rest[0] == "--")
        {
            rest = rest[1..];
        }

        if (rest.Length < 2)
        {
            return await session.UsageAsync("exec needs a host container and a command: exec [-i] [-t] admin -- sh").ConfigureAwait(false);
        }

        if (streams is null)
        {
            await session.Error.WriteLineAsync("hull ctl: exec needs a terminal session of its own; not available here").ConfigureAwait(false);
            return 2;
        }

        var target = rest[0];
        string[] command = rest[1] == "--" ? rest[2..] : rest[1..];
        if (command.Length == 0)
        {
            return await session.UsageAsync("exec needs a command after the host container's name").ConfigureAwait(false);
        }

        var query = $"exec?target={Uri.EscapeDataString(target)}&tty={(terminal ? "true" : "false")}&stdin={(interactive || terminal ? "true" : "false")}"
            + string.Concat(command.Select(c => "&command=" + Uri.EscapeDataString(c)));
        var baseAddress = client.BaseAddress!;
        var uri = new UriBuilder(new Uri(baseAddress, query)) { Scheme = baseAddress.Scheme == "https" ? "wss" : "ws" }.Uri;

        using var invoker = streams.OpenInvoker();
        ExecSession exec;
        try
        {
            exec = await ExecSession.ConnectAsync(uri, invoker, session.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException)
        {
            await session.Error.WriteLineAsync($"hull ctl: cannot open an exec stream at {baseAddress}: {e.Message}").ConfigureAwait(false);
            return 3;
        }

        using (exec)
        {
            var raw = terminal && streams.StdinIsTerminal ? Libc.MakeRaw(0) : null;
            using var resize = raw is null ? null : PosixSignalRegistration.Create(PosixSignal.SIGWINCH, c =>
            {
                c.Cancel = true;
                _ = exec.ResizeAsync(Console.WindowWidth, Console.WindowHeight, CancellationToken.None);
            });
            try
            {
                if (raw is not null)
                {
                    await exec.ResizeAsync(Console.WindowWidth, Console.WindowHeight, session.CancellationToken).ConfigureAwait(false);
                }

                var outcome = await exec.RunAsync(interactive || terminal ? streams.Stdin : null, streams.Stdout, streams.Stderr, session.CancellationToken).ConfigureAwait(false);
                if (outcome.Error is { } problem)
                {
                    await session.Error.WriteLineAsync($"hull ctl: exec in {target}: {problem}").ConfigureAwait(false);
                }

                return outcome.ShellExitCode;
            }
            finally
            {
                if (raw is not null)
                {
                    Libc.RestoreTerminal(0, raw);
                }
            }
        }
    }
}
