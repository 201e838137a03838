using System.Buffers.Binary;

namespace Hull.Ntp;

/// <summary>An NTP timestamp (RFC 5905 §6): 32-bit seconds since 1900-01-01 and a 32-bit binary fraction, big-endian.</summary>
internal static class NtpTimestamp
{
    // Seconds from 1900-01-01 (NTP era 0) to the Unix epoch.
    private const long UnixEpochOffset = 2_208_988_800;

    public static void Write(Span<byte> destination, DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = (ulong)((ticks / TimeSpan.TicksPerSecond) + UnixEpochOffset);
        var fraction = (ulong)(ticks % TimeSpan.TicksPerSecond) * (1UL << 32) / TimeSpan.TicksPerSecond;
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)seconds);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)fraction);
    }

    /// <summary>Reads a timestamp; era 0 until 2036, after which the 32-bit seconds wrap and are taken as era 1.</summary>
    public static DateTimeOffset Read(ReadOnlySpan<byte> source)
    {
        long seconds = BinaryPrimitives.ReadUInt32BigEndian(source);
        ulong fraction = BinaryPrimitives.ReadUInt32BigEndian(source[4..]);
        if (seconds < 0x8000_0000L)
        {
            seconds += 1L << 32; // RFC 4330 §3: a top bit of 0 means 2036 or later
        }

        var ticks = ((seconds - UnixEpochOffset) * TimeSpan.TicksPerSecond) + (long)(fraction * TimeSpan.TicksPerSecond >> 32);
        return DateTimeOffset.UnixEpoch.AddTicks(ticks);
    }
}
