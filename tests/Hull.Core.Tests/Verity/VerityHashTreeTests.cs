using Hull.Core.Tests.TestSupport;
using Hull.Verity;

namespace Hull.Core.Tests.Verity;

public sealed class VerityHashTreeTests
{
    private const int BlockSize = 4096;
    private static readonly Guid Uuid = Guid.Parse("6f1d3c2a-8b4e-4f5a-9c7d-0e1f2a3b4c5d");

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(128, 1)]
    [InlineData(129, 2)]
    [InlineData(128 * 128, 2)]
    [InlineData((128 * 128) + 1, 3)]
    public void AppendTo_BlockCount_MatchesVeritysetupByteForByte(int blocks, int expectedLevels)
    {
        using var dir = new TempDirectory();
        var salt = TestData.Salt(blocks, 32);
        var dataLength = (long)blocks * BlockSize;
        TestData.WriteRandomFile(dir.File("ours.img"), dataLength, seed: blocks);
        File.Copy(dir.File("ours.img"), dir.File("oracle.img"));

        var result = VerityHashTree.AppendTo(dir.File("ours.img"), new VerityParameters { Salt = salt, Uuid = Uuid });
        var oracleRoot = Veritysetup.Format(dir.File("oracle.img"), dir.File("oracle.img"), dataLength, Convert.ToHexString(salt), Uuid);

        result.RootHashHex.ShouldBe(oracleRoot);
        result.Levels.ShouldBe(expectedLevels);
        result.DataBlocks.ShouldBe(blocks);
        result.HashOffsetBytes.ShouldBe(dataLength);
        result.HashStartBlock.ShouldBe(blocks + 1);
        result.BytesWritten.ShouldBe(new FileInfo(dir.File("ours.img")).Length - dataLength);
        TestData.ShouldBeSameFile(dir.File("ours.img"), dir.File("oracle.img"));
    }

    [Fact]
    public void Build_EmptySalt_MatchesVeritysetup()
    {
        using var dir = new TempDirectory();
        TestData.WriteRandomFile(dir.File("data"), 300 * BlockSize, seed: 7);

        using (var hash = File.Create(dir.File("ours.hash")))
        {
            var result = VerityHashTree.Build(dir.File("data"), hash, 0, new VerityParameters { Salt = [], Uuid = Uuid });
            result.SaltHex.ShouldBe("-");
            result.RootHashHex.ShouldBe(Veritysetup.Format(dir.File("data"), dir.File("oracle.hash"), 0, "", Uuid));
        }

        TestData.ShouldBeSameFile(dir.File("ours.hash"), dir.File("oracle.hash"));
    }

    [Fact]
    public void Build_NoSuperblock_MatchesVeritysetupAndStartsTreeAtOffset()
    {
        using var dir = new TempDirectory();
        var salt = TestData.Salt(11, 32);
        TestData.WriteRandomFile(dir.File("data"), 1000 * BlockSize, seed: 11);

        VerityResult result;
        using (var hash = File.Create(dir.File("ours.hash")))
        {
            result = VerityHashTree.Build(dir.File("data"), hash, 0, new VerityParameters { Salt = salt, WriteSuperblock = false });
        }

        result.HasSuperblock.ShouldBeFalse();
        result.HashStartBlock.ShouldBe(0);
        result.RootHashHex.ShouldBe(Veritysetup.Format(dir.File("data"), dir.File("oracle.hash"), 0, Convert.ToHexString(salt), Uuid, superblock: false));
        TestData.ShouldBeSameFile(dir.File("ours.hash"), dir.File("oracle.hash"));
    }

    [Fact]
    public void Build_SmallBlockSizes_MatchesVeritysetup()
    {
        using var dir = new TempDirectory();
        var salt = TestData.Salt(3, 16);
        var parameters = new VerityParameters { Salt = salt, Uuid = Uuid, DataBlockSize = 1024, HashBlockSize = 512 };
        TestData.WriteRandomFile(dir.File("data"), 5000 * 1024, seed: 3);

        VerityResult result;
        using (var hash = File.Create(dir.File("ours.hash")))
        {
            result = VerityHashTree.Build(dir.File("data"), hash, 0, parameters);
        }

        // 16 digests per 512-byte hash block: 5000 -> 313 -> 20 -> 2 -> 1.
        result.Levels.ShouldBe(4);
        result.RootHashHex.ShouldBe(Veritysetup.Format(dir.File("data"), dir.File("oracle.hash"), 0, Convert.ToHexString(salt), Uuid, dataBlockSize: 1024, hashBlockSize: 512));
        TestData.ShouldBeSameFile(dir.File("ours.hash"), dir.File("oracle.hash"));
    }

    [Fact]
    public void AppendTo_Output_PassesVeritysetupVerifyAndFailsAfterDataByteFlip()
    {
        using var dir = new TempDirectory();
        var image = dir.File("image");
        var dataLength = 2000L * BlockSize;
        TestData.WriteRandomFile(image, dataLength, seed: 5);

        var result = VerityHashTree.AppendTo(image, new VerityParameters { Salt = TestData.Salt(5, 32), Uuid = Uuid });

        var ok = Veritysetup.Verify(image, image, result.RootHashHex, result.HashOffsetBytes);
        ok.Succeeded.ShouldBeTrue(ok.ToString());

        using (var file = File.Open(image, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = 1234 * BlockSize + 17;
            var b = file.ReadByte();
            file.Position--;
            file.WriteByte((byte)(b ^ 0x01));
        }

        Veritysetup.Verify(image, image, result.RootHashHex, result.HashOffsetBytes).Succeeded.ShouldBeFalse();
    }

    [Fact]
    public void HashStartBlock_WithSuperblock_PointsAtTopLevelPastSuperblock()
    {
        // The kernel ignores the superblock: it reads the tree at hash_start_block * hash_block_size
        // with the table's parameters. veritysetup --no-superblock at that offset does the same.
        using var dir = new TempDirectory();
        var image = dir.File("image");
        var dataLength = 200L * BlockSize;
        TestData.WriteRandomFile(image, dataLength, seed: 9);
        var result = VerityHashTree.AppendTo(image, new VerityParameters { Salt = TestData.Salt(9, 32), Uuid = Uuid });

        var check = Veritysetup.VerifyWithoutSuperblock(image, image, result.RootHashHex,
            result.HashStartBlock * result.HashBlockSize, result.SaltHex, result.DataBlocks, result.DataBlockSize, result.HashBlockSize);
        check.Succeeded.ShouldBeTrue(check.ToString());

        // One block earlier is the superblock, which is not a tree block.
        Veritysetup.VerifyWithoutSuperblock(image, image, result.RootHashHex,
            result.HashOffsetBytes, result.SaltHex, result.DataBlocks, result.DataBlockSize, result.HashBlockSize).Succeeded.ShouldBeFalse();
    }

    [Fact]
    public void Build_SameStreamAsDataAndHash_EqualsSeparateStreams()
    {
        var data = new byte[130 * BlockSize];
        new Random(1).NextBytes(data);
        var parameters = new VerityParameters { Salt = TestData.Salt(1, 32), Uuid = Uuid };

        using var same = new MemoryStream();
        same.Write(data);
        same.Position = 0;
        var inPlace = VerityHashTree.Build(same, data.Length, same, data.Length, parameters);

        using var hashOnly = new MemoryStream();
        var separate = VerityHashTree.Build(new MemoryStream(data), data.Length, hashOnly, 0, parameters);

        inPlace.RootHashHex.ShouldBe(separate.RootHashHex);
        same.ToArray().AsSpan(data.Length).SequenceEqual(hashOnly.ToArray()).ShouldBeTrue();
        same.ToArray().AsSpan(0, data.Length).SequenceEqual(data).ShouldBeTrue();
    }

    [Fact]
    public void Build_DataLengthNotBlockMultiple_Throws()
    {
        using var output = new MemoryStream();
        Should.Throw<ArgumentException>(() =>
            VerityHashTree.Build(new MemoryStream(new byte[5000]), 5000, output, 0, new VerityParameters { Salt = [] }));
    }

    [Fact]
    public void Build_HashOffsetNotBlockAligned_Throws()
    {
        using var output = new MemoryStream();
        Should.Throw<ArgumentException>(() =>
            VerityHashTree.Build(new MemoryStream(new byte[BlockSize]), BlockSize, output, 512, new VerityParameters { Salt = [] }));
    }

    [Fact]
    public void Build_SaltLongerThanSuperblockField_Throws()
    {
        using var output = new MemoryStream();
        Should.Throw<ArgumentException>(() =>
            VerityHashTree.Build(new MemoryStream(new byte[BlockSize]), BlockSize, output, 0, new VerityParameters { Salt = new byte[257] }));
    }
}
