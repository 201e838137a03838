namespace Hull.Exec;

/// <summary>The stream a message of the exec protocol belongs to: its first byte.</summary>
public enum ExecChannel : byte
{
    /// <summary>Client to process.</summary>
    Stdin = 0,

    /// <summary>Process to client.</summary>
    Stdout = 1,

    /// <summary>Process to client (without a terminal; with one, everything is stdout).</summary>
    Stderr = 2,

    /// <summary>Server to client, once at the end: the outcome as a Kubernetes Status object (JSON).</summary>
    Status = 3,

    /// <summary>Client to server: the terminal's size as JSON <c>{"Width":W,"Height":H}</c>.</summary>
    Resize = 4,
}
