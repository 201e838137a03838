using System.Buffers.Binary;
using System.IO.Hashing;

namespace Hull.Datastore;

/// <summary>
/// The journal's framing: each record is a 4-byte little-endian length, the CRC-32 of the payload
/// (4 bytes, little-endian), then the payload (<see cref="JournalRecord"/>). A batch of records is appended
/// with one write and one fsync. After a crash the file may end in a record that was only partly written,
/// or in zeros; reading stops at the first frame that is short, empty or fails its CRC. Nothing after it
/// was ever acknowledged: a batch is acknowledged only once it is all on disk, and the next one starts after.
/// </summary>
internal static class Journal
{
    private const int HeaderSize = 8;

    // Far above any real record (a commit of every setting is tens of KiB); a larger length is garbage.
    private const int MaxPayload = 64 * 1024 * 1024;

    /// <summary>The frames for <paramref name="payloads"/>, back to back.</summary>
    public static byte[] Frame(IReadOnlyList<byte[]> payloads)
    {
        var bytes = new byte[payloads.Sum(p => HeaderSize + p.Length)];
        var offset = 0;
        foreach (var payload in payloads)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), payload.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset + 4), Crc32.HashToUInt32(payload));
            payload.CopyTo(bytes.AsSpan(offset + HeaderSize));
            offset += HeaderSize + payload.Length;
        }

        return bytes;
    }

    /// <summary>The whole records at the start of <paramref name="contents"/>, each with its offset; <paramref name="validLength"/> is where they end.</summary>
    public static List<(long Offset, byte[] Payload)> Read(ReadOnlySpan<byte> contents, out long validLength)
    {
        var records = new List<(long, byte[])>();
        var offset = 0;
        while (contents.Length - offset >= HeaderSize)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(contents[offset..]);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(contents[(offset + 4)..]);
            if (length <= 0 || length > MaxPayload || contents.Length - offset - HeaderSize < length)
            {
                break;
            }

            var payload = contents.Slice(offset + HeaderSize, length);
            if (Crc32.HashToUInt32(payload) != crc)
            {
                break;
            }

            records.Add((offset, payload.ToArray()));
            offset += HeaderSize + length;
        }

        validLength = offset;
        return records;
    }
}
