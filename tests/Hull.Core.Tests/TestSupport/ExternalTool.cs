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

        process.WaitForExit();
        return new ToolResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Runs the tool and fails the test, showing its output, unless it exits 0.</summary>
    public static ToolResult RunChecked(string fileName, IEnumerable<string> args, string? workingDirectory = null, string? stdinPath = null)
    {
        var result = Run(fileName, args, workingDirectory, stdinPath);
        result.Succeeded.ShouldBeTrue($"{fileName} {string.Join(' ', args)}: {result}");
        return result;
    }
}
