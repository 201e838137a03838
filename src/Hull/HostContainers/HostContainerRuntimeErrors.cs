using Hull.Containerd;
using Hull.Cri;

namespace Hull.HostContainers;

/// <summary>The failures a host or bootstrap container can meet on its way up: reported on it, never fatal to the service.</summary>
internal static class HostContainerRuntimeErrors
{
    /// <summary>Whether <paramref name="e"/> is one of them (not a bug, not a cancellation).</summary>
    public static bool Expected(Exception e) =>
        e is CriException or ContainerdException or ImageImportException or IOException or TimeoutException or UnauthorizedAccessException;
}
