using System.Diagnostics;

namespace Hull.Platform;

/// <summary>
/// Runs one of the few C tools in the image (mke2fs, fsck.fat) to completion: its exit code and what it printed on
/// standard output and on standard error, trimmed. A tool that cannot be started is an <see cref="IOException"/>.
/// </summary>
internal static class ToolProcess
{
    public static (int ExitCode, string Output, string Errors) Run(string path, params string[] args)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new IOException($"could not start {path}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new IOException($"could not start {path}: {e.Message}", e);
        }

        using var _ = process;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        var errors = stderr.GetAwaiter().GetResult();
        process.WaitForExit();
        return (process.ExitCode, output.Trim(), errors.Trim());
    }
}
