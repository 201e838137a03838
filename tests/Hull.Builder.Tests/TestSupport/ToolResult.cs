namespace Hull.Builder.Tests.TestSupport;

/// <summary>What an external tool printed and how it exited.</summary>
internal readonly record struct ToolResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"'{Command}': exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
