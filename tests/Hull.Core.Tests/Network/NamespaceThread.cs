using System.Runtime.Versioning;
using Hull.Interop;

namespace Hull.Core.Tests.Network;

/// <summary>
/// Runs code on a fresh thread that has joined a named network namespace (setns(2) moves only the
/// calling thread). Sockets opened by <c>start</c> live in that namespace for good, even when later
/// awaits resume on thread-pool threads that are still in the host's.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class NamespaceThread
{
    public static Task<T> Start<T>(string namespaceName, Func<T> start)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                var path = $"/var/run/netns/{namespaceName}";
                var fd = Libc.Check(Libc.open(path, Libc.O_RDONLY | Libc.O_CLOEXEC, 0), "open", path);
                try
                {
                    Libc.Check(Libc.setns(fd, Libc.CLONE_NEWNET), "setns", path);
                }
                finally
                {
                    Libc.close(fd);
                }

                completion.SetResult(start());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = $"netns {namespaceName}",
        };
        thread.Start();
        return completion.Task;
    }
}
