using CsCheck;
using Hull.Core.Tests.TestSupport;
using Hull.Gpt;

namespace Hull.Core.Tests.Gpt;

public sealed class GptRoundTripPropertyTests
{
    private const long MiB = GptSamples.MiB;

    private static readonly Gen<string> Name =
        Gen.Char['\u0001', '\uD7FF'].Array[0, GptLayout.MaxNameLength].Select(chars => new string(chars));

    private static readonly Gen<GptPartitionRequest> Request =
        Gen.Select(Name, Gen.Guid, Gen.Guid, Gen.Long[1, 64 * MiB], Gen.ULong, (name, type, unique, size, attributes) =>
            GptPartitionRequest.Fixed(name, type == Guid.Empty ? GptPartitionTypes.LinuxFilesystem : type, unique, size, attributes));

    // Disk sizes from 1 GiB to 16 TiB, in whole sectors: large enough for the requests, and past the 2 TiB MBR cap.
    private static readonly Gen<(long DiskSize, GptPartitionRequest[] Requests, bool FillRest, Guid DiskGuid)> Layout =
        Gen.Select(Gen.Long[2 * 1024 * 1024, 32L * 1024 * 1024 * 1024], Request.Array[0, 12], Gen.Bool, Gen.Guid,
            (sectors, requests, fillRest, diskGuid) => (sectors * 512, requests, fillRest, diskGuid));

    [Fact]
    public void WriteThenRead_RandomLayout_ReturnsSamePartitions()
    {
        Layout.Sample(layout =>
        {
            var (diskSize, requests, fillRest, diskGuid) = layout;
            if (fillRest && requests.Length > 0)
            {
                requests[^1] = requests[^1] with { SizeBytes = null };
            }

            var partitions = GptPlanner.Plan(diskSize, requests);
            var stream = new SparseStream(diskSize);
            GptWriter.Write(stream, diskSize, diskGuid, partitions);

            var table = GptReader.Read(stream, diskSize);

            table.DiskGuid.ShouldBe(diskGuid);
            table.EndsAt(diskSize).ShouldBeTrue();
            table.Partitions.ShouldBe(partitions);
        }, iter: 300);
    }

    [Fact]
    public void WriteThenRead_OneByteOfPrimaryDamaged_ReturnsSameTableFromBackup()
    {
        Gen.Select(Layout, Gen.Int[0, (34 * 512) - 1]).Sample((layout, offset) =>
        {
            var (diskSize, requests, _, diskGuid) = layout;
            var partitions = GptPlanner.Plan(diskSize, requests);
            var stream = new SparseStream(diskSize);
            GptWriter.Write(stream, diskSize, diskGuid, partitions);
            Flip(stream, offset);

            var result = GptReader.TryRead(stream, diskSize);

            result.Table.ShouldNotBeNull();
            result.Table.Partitions.ShouldBe(partitions);
            // Byte 0-511 is the MBR and 604-1023 is reserved space past the 92-byte header:
            // neither is covered by a CRC, so damage there leaves the primary valid.
            var covered = offset is >= 512 and < 512 + 92 || offset >= 1024;
            result.Source.ShouldBe(covered ? GptHeaderCopy.Backup : GptHeaderCopy.Primary);
        }, iter: 300);
    }

    private static void Flip(SparseStream stream, long offset)
    {
        var one = new byte[1];
        stream.Seek(offset, SeekOrigin.Begin);
        stream.ReadExactly(one);
        one[0] ^= 0x5A;
        stream.Seek(offset, SeekOrigin.Begin);
        stream.Write(one);
    }
}
