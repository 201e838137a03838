using System.Diagnostics;

namespace Hull.Core.Tests.TestSupport;

/// <summary>Runs the real tools (veritysetup, cpio) the tests use as oracles.</summary>
internal static class ExternalTool
{
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
        foreach (var arg in args)
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

        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within 120 s");
        }

        return new ToolResult($"{fileName} {string.Join(' ', args)}", process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Runs the tool and fails the test, showing its output, unless it exits 0.</summary>
    public static ToolResult RunChecked(string fileName, IEnumerable<string> args, string? workingDirectory = null, string? stdinPath = null)
    {
        var result = Run(fileName, args, workingDirectory, stdinPath);
        result.Succeeded.ShouldBeTrue($"{fileName} {string.Join(' ', args)}: {result}");
        return result;
    }
}
