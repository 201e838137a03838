using CsCheck;
using Hull.Core.Tests.TestSupport;
using Hull.Verity;

namespace Hull.Core.Tests.Verity;

public sealed class VerityHashTreePropertyTests
{
    [Fact]
    public void Build_RandomShapes_MatchVeritysetup()
    {
        var gen = Gen.Select(
            Gen.Int[1, 700],
            Gen.OneOf(512, 1024, 4096),
            Gen.Byte.Array[0, 64],
            Gen.Bool,
            Gen.Int);

        gen.Sample((blocks, hashBlockSize, salt, superblock, seed) =>
        {
            using var dir = new TempDirectory();
            const int dataBlockSize = 1024;
            var dataLength = (long)blocks * dataBlockSize;
            TestData.WriteRandomFile(dir.File("data"), dataLength, seed);
            var uuid = new Guid(TestData.Salt(seed, 16));
            var parameters = new VerityParameters
            {
                Salt = salt,
                Uuid = uuid,
                DataBlockSize = dataBlockSize,
                HashBlockSize = hashBlockSize,
                WriteSuperblock = superblock,
            };

            VerityResult result;
            using (var hash = File.Create(dir.File("ours.hash")))
            {
                result = VerityHashTree.Build(dir.File("data"), hash, 0, parameters);
            }

            var oracleRoot = Veritysetup.Format(dir.File("data"), dir.File("oracle.hash"), 0, Convert.ToHexString(salt), uuid,
                superblock, dataBlockSize, hashBlockSize);
            result.RootHashHex.ShouldBe(oracleRoot);
            if (File.Exists(dir.File("oracle.hash")))
            {
                TestData.ShouldBeSameFile(dir.File("ours.hash"), dir.File("oracle.hash"));
            }
            else
            {
                // A single data block without a superblock: veritysetup writes nothing at all.
                result.BytesWritten.ShouldBe(0);
            }
        }, iter: 40, threads: 1);
    }
}
