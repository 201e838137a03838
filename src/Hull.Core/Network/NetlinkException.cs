using System.Runtime.InteropServices;

namespace Hull.Network;

/// <summary>The kernel refused an rtnetlink request: which operation, on which interface, and why.</summary>
internal sealed class NetlinkException(string operation, string subject, int errno, string? detail)
    : IOException(Format(operation, subject, errno, detail))
{
    /// <summary>The positive errno the kernel returned.</summary>
    public int Errno { get; } = errno;

    /// <summary>What was being done, e.g. "add address 10.0.2.15/24".</summary>
    public string Operation { get; } = operation;

    /// <summary>The interface (or other object) it was done to.</summary>
    public string Subject { get; } = subject;

    private static string Format(string operation, string subject, int errno, string? detail) =>
        $"netlink: {operation} on {subject} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})"
        + (string.IsNullOrEmpty(detail) ? "" : $": {detail}");
}
