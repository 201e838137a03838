using System.Diagnostics;
using Hull.Builder.Qemu;
using Hull.Builder.Tools;

namespace Hull.Bench.Compare;

/// <summary>Boots a guest that reports on its serial console (the baseline, the floor) and follows the console until it says "done".</summary>
internal static class GuestBoot
{
    public const string Done = "done";

    /// <summary>
    /// Starts <paramref name="machine"/>, reads its console every 50 ms, notes the wall seconds from QEMU's start at which
    /// the first event shows, and stops QEMU once the guest is done (or fails: QEMU exits early, or <paramref name="timeout"/>
    /// passes — the error names the console log).
    /// </summary>
    public static async Task<(SerialReport Report, double WallAtFirstEvent)> RunAsync(QemuMachine machine, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var qemu = machine.Start();
        var wallAtFirst = double.NaN;
        try
        {
            while (true)
            {
                var exited = qemu.HasExited;
                var report = SerialReport.Parse(ReadConsole(machine.SerialLog));
                if (double.IsNaN(wallAtFirst) && report.Events.Count > 0)
                {
                    wallAtFirst = clock.Elapsed.TotalSeconds;
                }

                if (report.Find(Done) is not null)
                {
                    return (report, wallAtFirst);
                }

                if (exited)
                {
                    var error = (await qemu.StandardError.ReadToEndAsync(cancellationToken)).Trim();
                    throw new ToolException($"QEMU exited (code {qemu.ExitCode}) before the guest reported '{Done}': {error}; console log: {machine.SerialLog}");
                }

                if (clock.Elapsed > timeout)
                {
                    throw new ToolException($"the guest did not report '{Done}' within {timeout.TotalSeconds:F0} s; console log: {machine.SerialLog}");
                }

                await Task.Delay(50, cancellationToken);
            }
        }
        finally
        {
            if (!qemu.HasExited)
            {
                qemu.Kill();
                await qemu.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    // QEMU keeps the file open for writing.
    private static string ReadConsole(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
