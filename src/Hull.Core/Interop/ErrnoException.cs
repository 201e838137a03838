using System.Runtime.InteropServices;

namespace Hull.Interop;

/// <summary>A failed system call: which call, on what, and the errno it gave.</summary>
internal sealed class ErrnoException(string call, string subject, int errno)
    : IOException($"{call}({subject}) failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})")
{
    /// <summary>The errno value the call returned.</summary>
    public int Errno { get; } = errno;

    /// <summary>The name of the system call.</summary>
    public string Call { get; } = call;
}
