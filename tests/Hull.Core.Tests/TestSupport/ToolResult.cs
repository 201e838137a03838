namespace Hull.Core.Tests.TestSupport;

/// <summary>What an external tool printed and how it exited.</summary>
internal readonly record struct ToolResult(int ExitCode, string StdOut, string StdErr)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StdOut}\nstderr:\n{StdErr}";
}
