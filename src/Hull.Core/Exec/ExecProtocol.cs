using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hull.Exec;

/// <summary>
/// Kubernetes' remotecommand framing over WebSocket, version 4 ("v4.channel.k8s.io"): every binary message
/// starts with an <see cref="ExecChannel"/> byte; the server ends with a Status object on the status channel.
/// It is what containerd's CRI streaming server speaks, and Hull's API speaks it too, so GET /exec relays
/// messages unchanged.
/// </summary>
public static class ExecProtocol
{
    /// <summary>The WebSocket subprotocol both ends ask for.</summary>
    public const string SubProtocol = "v4.channel.k8s.io";

    /// <summary>A message for <paramref name="channel"/> carrying <paramref name="data"/>.</summary>
    public static byte[] Frame(ExecChannel channel, ReadOnlySpan<byte> data)
    {
        var frame = new byte[data.Length + 1];
        frame[0] = (byte)channel;
        data.CopyTo(frame.AsSpan(1));
        return frame;
    }

    /// <summary>The resize message for a terminal of <paramref name="columns"/> × <paramref name="rows"/>.</summary>
    public static byte[] Resize(int columns, int rows) =>
        Frame(ExecChannel.Resize, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"Width":{{columns}},"Height":{{rows}}}""")));

    /// <summary>The status message a server sends when the command could not run at all (<paramref name="message"/> says why).</summary>
    public static byte[] Failure(string message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", "Failure");
            json.WriteString("message", message);
            json.WriteEndObject();
        }

        return Frame(ExecChannel.Status, buffer.ToArray());
    }

    /// <summary>
    /// Reads a Status object: "Success" is exit code 0; a failure with an "ExitCode" cause is that code; any other
    /// failure (the program was not found, the container is gone) is an error with the server's message.
    /// </summary>
    public static ExecOutcome ParseStatus(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            var status = root.TryGetProperty("status", out var s) ? s.GetString() : null;
            if (status == "Success")
            {
                return new ExecOutcome(0, null);
            }

            if (root.TryGetProperty("details", out var details) && details.TryGetProperty("causes", out var causes) && causes.ValueKind == JsonValueKind.Array)
            {
                foreach (var cause in causes.EnumerateArray())
                {
                    if (cause.TryGetProperty("reason", out var reason) && reason.GetString() == "ExitCode"
                        && cause.TryGetProperty("message", out var code) && int.TryParse(code.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var exit))
                    {
                        return new ExecOutcome(exit, null);
                    }
                }
            }

            var message = root.TryGetProperty("message", out var m) ? m.GetString() : null;
            return new ExecOutcome(null, string.IsNullOrWhiteSpace(message) ? $"the command failed ({status ?? "no status"})" : message);
        }
        catch (JsonException e)
        {
            return new ExecOutcome(null, $"the exec status is not JSON: {e.Message}");
        }
    }
}
