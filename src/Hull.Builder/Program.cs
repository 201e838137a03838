using System.CommandLine;
using Hull.Builder.Build;
using Hull.Builder.Tools;

namespace Hull.Builder;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("hull: build, boot and drive Hull images. Also: `./hull setup` installs the build tools with apt-get; `./hull test` runs every test.");
        root.Subcommands.Add(BuildCommand.Create());
        root.Subcommands.Add(Debian.FetchCommand.Create());
        root.Subcommands.Add(Repo.RepoCommand.Create());
        root.Subcommands.Add(Run.RunCommands.Run());
        root.Subcommands.Add(Run.RunCommands.Stop());
        root.Subcommands.Add(Run.RunCommands.Ctl());
        try
        {
            // Without the default handler a ToolException reaches the catch below: one line naming what is wrong, no stack trace.
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (ToolException e)
        {
            await Console.Error.WriteLineAsync($"hull: error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
