using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Hull.Builder.Tools;

/// <summary>Runs a Debian tool (mkfs.erofs, objcopy, sbsign, apt-get ...) and turns a failure into an error that names the tool, its arguments and what it printed.</summary>
internal static class Tool
{
    /// <summary>Runs <paramref name="program"/> and returns its standard output; throws <see cref="ToolException"/> on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> args, string? workingDirectory = null, CancellationToken cancellationToken = default)
    {
        var argList = args.ToList();
        var command = Cli.Wrap(program).WithArguments(argList).WithValidation(CommandResultValidation.None);
        if (workingDirectory is not null)
        {
            command = command.WithWorkingDirectory(workingDirectory);
        }

        BufferedCommandResult result;
        try
        {
            result = await command.ExecuteBufferedAsync(Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ToolException($"{program} could not be started ({e.Message}); run `./hull setup` to install the build tools");
        }

        if (result.ExitCode != 0)
        {
            var output = (result.StandardError + result.StandardOutput).Trim();
            if (output.Length > 2000)
            {
                output = output[^2000..];
            }

            throw new ToolException($"{program} {string.Join(' ', argList)} exited with {result.ExitCode}: {output}");
        }

        return result.StandardOutput;
    }
}
