using System.Diagnostics;

namespace Hull.Testing;

/// <summary>Runs the real tools the tests use as oracles (sgdisk, veritysetup, cpio, objdump, sbverify, openssl ...).</summary>
public static class ExternalTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>Runs <paramref name="fileName"/> and captures its output; does not throw on a non-zero exit.</summary>
    public static ToolResult Run(string fileName, IEnumerable<string> args, string? workingDirectory = null, string? stdinPath = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdinPath is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };

        // Tools print localized text otherwise, and the tests parse it.
        info.Environment["LC_ALL"] = "C.UTF-8";
        var argList = args.ToList();
        foreach (var arg in argList)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdinPath is not null)
        {
            using (var input = File.OpenRead(stdinPath))
            {
                input.CopyTo(process.StandardInput.BaseStream);
            }

            process.StandardInput.Close();
        }

        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {Timeout.TotalSeconds:F0} s");
        }

        return new ToolResult($"{fileName} {string.Join(' ', argList)}", process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Runs <paramref name="fileName"/> without blocking a thread; killed when <paramref name="cancellationToken"/> fires or after the timeout. Does not throw on a non-zero exit.</summary>
    public static async Task<ToolResult> RunAsync(string fileName, IEnumerable<string> args, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["LC_ALL"] = "C.UTF-8";
        var argList = args.ToList();
        foreach (var arg in argList)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{fileName} did not finish within {Timeout.TotalSeconds:F0} s");
        }

        return new ToolResult($"{fileName} {string.Join(' ', argList)}", process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="args"/>; does not throw on a non-zero exit.</summary>
    public static ToolResult Run(string fileName, params string[] args) => Run(fileName, (IEnumerable<string>)args);

    /// <summary>Runs the tool and fails the test, showing its output, unless it exits 0.</summary>
    public static ToolResult RunChecked(string fileName, params string[] args)
    {
        var result = Run(fileName, (IEnumerable<string>)args);
        result.Succeeded.ShouldBeTrue(result.ToString());
        return result;
    }

    /// <summary>Runs the tool (with stdin from a file, in a folder) and fails the test, showing its output, unless it exits 0.</summary>
    public static ToolResult RunChecked(string fileName, IEnumerable<string> args, string? workingDirectory = null, string? stdinPath = null)
    {
        var result = Run(fileName, args, workingDirectory, stdinPath);
        result.Succeeded.ShouldBeTrue(result.ToString());
        return result;
    }

    /// <summary>Runs a shell pipeline (paths in it must not need quoting beyond single quotes) and fails the test unless it exits 0.</summary>
    public static ToolResult Shell(string script, string? workingDirectory = null)
    {
        var result = Run("sh", ["-c", script], workingDirectory);
        result.Succeeded.ShouldBeTrue(result.ToString());
        return result;
    }
}
