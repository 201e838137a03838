namespace Hull.Exec;

/// <summary>How an exec ended: the process's exit code, or why there is none.</summary>
/// <param name="ExitCode">The exit code when the process ran and exited.</param>
/// <param name="Error">Why the command did not run or the stream broke, when it did not end normally.</param>
public sealed record ExecOutcome(int? ExitCode, string? Error)
{
    /// <summary>The code a command-line client should exit with: the process's, or 126 (could not run it) as a shell would.</summary>
    public int ShellExitCode => ExitCode ?? 126;
}
