using System.Buffers.Binary;

namespace Hull.Init;

/// <summary>
/// Watches the ACPI power button (the kernel's "Power Button" input devices, through evdev)
/// and asks for a clean power-off when it is pressed — what QEMU's system_powerdown and a
/// cloud's "stop instance" send.
/// </summary>
internal static class PowerButton
{
    private const int EventSize = 24;    // struct input_event on 64-bit: timeval (16), type, code, value
    private const ushort EvKey = 1;
    private const ushort KeyPower = 116;

    public static void Watch(Action pressed, TextWriter console, CancellationToken cancellationToken)
    {
        var devices = FindDevices();
        if (devices.Count == 0)
        {
            console.WriteLine("hull: init: no ACPI power button found");
            return;
        }

        foreach (var device in devices)
        {
            var thread = new Thread(() => Read(device, pressed, cancellationToken)) { IsBackground = true, Name = "power-button" };
            thread.Start();
        }
    }

    internal static IReadOnlyList<string> FindDevices()
    {
        const string inputClass = "/sys/class/input";
        if (!Directory.Exists(inputClass))
        {
            return [];
        }

        return Directory.EnumerateDirectories(inputClass, "event*")
            .Where(d => File.Exists(Path.Combine(d, "device", "name")) && File.ReadAllText(Path.Combine(d, "device", "name")).Trim() == "Power Button")
            .Select(d => "/dev/input/" + Path.GetFileName(d))
            .ToList();
    }

    /// <summary>Whether one input_event record is a press of KEY_POWER.</summary>
    internal static bool IsPowerPress(ReadOnlySpan<byte> inputEvent) =>
        BinaryPrimitives.ReadUInt16LittleEndian(inputEvent[16..]) == EvKey
        && BinaryPrimitives.ReadUInt16LittleEndian(inputEvent[18..]) == KeyPower
        && BinaryPrimitives.ReadInt32LittleEndian(inputEvent[20..]) == 1;

    private static void Read(string device, Action pressed, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = new FileStream(device, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            var buffer = new byte[EventSize];
            while (!cancellationToken.IsCancellationRequested)
            {
                stream.ReadExactly(buffer);
                if (IsPowerPress(buffer))
                {
                    pressed();
                    return;
                }
            }
        }
        catch (IOException)
        {
            // The device went away; nothing more to watch.
        }
    }
}
