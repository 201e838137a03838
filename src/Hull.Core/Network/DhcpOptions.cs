using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Hull.Network;

/// <summary>
/// The options of one DHCP message, in the order they were set. Reading concatenates repeated
/// instances of a code, as RFC 3396 requires for long options split across several.
/// </summary>
internal sealed class DhcpOptions
{
    private readonly List<KeyValuePair<DhcpOptionCode, byte[]>> _entries = [];

    /// <summary>The options in order.</summary>
    public IReadOnlyList<KeyValuePair<DhcpOptionCode, byte[]>> Entries => _entries;

    /// <summary>Option 53, if present and one byte long.</summary>
    public DhcpMessageType? MessageType =>
        Get(DhcpOptionCode.MessageType) is [var type] ? (DhcpMessageType)type : null;

    /// <summary>Sets (replaces) an option.</summary>
    public DhcpOptions Set(DhcpOptionCode code, ReadOnlySpan<byte> value)
    {
        if (code is DhcpOptionCode.Pad or DhcpOptionCode.End)
        {
            throw new ArgumentException($"option {(byte)code} has no value and cannot be set", nameof(code));
        }

        _entries.RemoveAll(entry => entry.Key == code);
        _entries.Add(new(code, value.ToArray()));
        return this;
    }

    /// <summary>Sets a one-byte option.</summary>
    public DhcpOptions Set(DhcpOptionCode code, byte value) => Set(code, [value]);

    /// <summary>Sets an address option.</summary>
    public DhcpOptions Set(DhcpOptionCode code, IPAddress address) => Set(code, address.GetAddressBytes());

    /// <summary>Sets a 32-bit option (network byte order, RFC 2132 §2).</summary>
    public DhcpOptions Set(DhcpOptionCode code, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return Set(code, bytes);
    }

    /// <summary>Appends a decoded instance, joining it to an earlier one with the same code (RFC 3396).</summary>
    internal void Append(DhcpOptionCode code, ReadOnlySpan<byte> value)
    {
        var index = _entries.FindIndex(entry => entry.Key == code);
        if (index < 0)
        {
            _entries.Add(new(code, value.ToArray()));
            return;
        }

        _entries[index] = new(code, [.. _entries[index].Value, .. value]);
    }

    /// <summary>The raw value, or null when absent.</summary>
    public byte[]? Get(DhcpOptionCode code)
    {
        foreach (var entry in _entries)
        {
            if (entry.Key == code)
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>A single IPv4 address, or null when absent or not 4 bytes.</summary>
    public IPAddress? GetAddress(DhcpOptionCode code) =>
        Get(code) is { Length: 4 } value ? new IPAddress(value) : null;

    /// <summary>A list of IPv4 addresses (router, DNS); a trailing partial address is ignored.</summary>
    public IReadOnlyList<IPAddress> GetAddresses(DhcpOptionCode code)
    {
        var value = Get(code);
        if (value is null)
        {
            return [];
        }

        var addresses = new List<IPAddress>(value.Length / 4);
        for (var offset = 0; offset + 4 <= value.Length; offset += 4)
        {
            addresses.Add(new IPAddress(value.AsSpan(offset, 4)));
        }

        return addresses;
    }

    /// <summary>A 32-bit big-endian value, or null when absent or not 4 bytes.</summary>
    public uint? GetUInt32(DhcpOptionCode code) =>
        Get(code) is { Length: 4 } value ? BinaryPrimitives.ReadUInt32BigEndian(value) : null;

    /// <summary>A 16-bit big-endian value, or null when absent or not 2 bytes.</summary>
    public ushort? GetUInt16(DhcpOptionCode code) =>
        Get(code) is { Length: 2 } value ? BinaryPrimitives.ReadUInt16BigEndian(value) : null;

    /// <summary>
    /// An NVT ASCII string. RFC 2132 says these are not NUL-terminated, but some servers add one,
    /// so anything from the first NUL on is dropped.
    /// </summary>
    public string? GetString(DhcpOptionCode code)
    {
        var value = Get(code);
        if (value is null)
        {
            return null;
        }

        var end = Array.IndexOf(value, (byte)0);
        return Encoding.ASCII.GetString(value, 0, end < 0 ? value.Length : end);
    }
}
