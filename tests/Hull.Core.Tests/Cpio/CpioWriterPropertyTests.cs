using CsCheck;
using Hull.Core.Tests.TestSupport;
using Hull.Cpio;

namespace Hull.Core.Tests.Cpio;

public sealed class CpioWriterPropertyTests
{
    // Name and content lengths around multiples of 4 exercise every padding case.
    private static readonly Gen<(string Name, byte[] Content)> FileGen = Gen.Select(
        Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789._-"].Array[1, 13].Select(chars => new string(chars)),
        Gen.Byte.Array[0, 11]);

    [Fact]
    public void Write_RandomFiles_StrictReaderAndGnuCpioAgree()
    {
        FileGen.Array[1, 8].Sample(files =>
        {
            var unique = files.DistinctBy(f => f.Name).Where(f => f.Name is not ("." or "..")).ToArray();
            using var dir = new TempDirectory();
            using (var writer = new CpioWriter(File.Create(dir.File("a.cpio"))))
            {
                writer.AddDirectory("d");
                foreach (var (name, content) in unique)
                {
                    writer.AddFile("d/" + name, content);
                }
            }

            var entries = NewcTestReader.Read(File.ReadAllBytes(dir.File("a.cpio")));
            entries.Count.ShouldBe(unique.Length + 2);

            var root = Directory.CreateDirectory(dir.File("root")).FullName;
            GnuCpio.Extract(dir.File("a.cpio"), root);
            foreach (var (name, content) in unique)
            {
                File.ReadAllBytes(Path.Combine(root, "d", name)).ShouldBe(content);
            }
        }, iter: 30, threads: 1);
    }
}
