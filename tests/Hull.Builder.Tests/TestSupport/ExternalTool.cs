using System.Diagnostics;

namespace Hull.Builder.Tests.TestSupport;

/// <summary>Runs the real tools (sgdisk, objdump, cpio, sbverify, openssl ...) the tests use as oracles.</summary>
internal static class ExternalTool
{
    public static ToolResult Run(string fileName, IEnumerable<string> args, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
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
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within 60 s");
        }

        return new ToolResult($"{fileName} {string.Join(' ', argList)}", process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Runs the tool and fails the test, showing its output, unless it exits 0.</summary>
    public static ToolResult RunChecked(string fileName, params string[] args)
    {
        var result = Run(fileName, args);
        result.Succeeded.ShouldBeTrue(result.ToString());
        return result;
    }

    /// <summary>Runs a shell pipeline (the paths in it must not need quoting beyond single quotes) and fails the test unless it exits 0.</summary>
    public static ToolResult Shell(string script, string? workingDirectory = null)
    {
        var result = Run("sh", ["-c", script], workingDirectory);
        result.Succeeded.ShouldBeTrue(result.ToString());
        return result;
    }
}
