namespace Hull.Testing;

/// <summary>What an external tool printed and how it exited.</summary>
public readonly record struct ToolResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws with everything the tool said when it did not exit 0.</summary>
    public ToolResult EnsureSuccess() => ExitCode == 0
        ? this
        : throw new InvalidOperationException($"'{Command}' exited {ExitCode}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");

    public override string ToString() => $"'{Command}': exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
