using System.Buffers.Binary;
using System.Text;
using Hull.Interop;

namespace Hull.Core.Tests.Interop;

/// <summary>The DM_TABLE_LOAD buffer against the layout of include/uapi/linux/dm-ioctl.h (the kernel is the real oracle, in the end-to-end boot).</summary>
public sealed class DeviceMapperTests
{
    [Fact]
    public void TableLoadBuffer_VerityTarget_HasKernelLayout()
    {
        const string parameters = "1 /dev/vda2 /dev/vda2 4096 4096 10 11 sha256 ab cd";
        var buffer = DeviceMapper.TableLoadBuffer("root", 80, "verity", parameters);

        (buffer.Length % 8).ShouldBe(0);
        BinaryPrimitives.ReadUInt32LittleEndian(buffer).ShouldBe(4u);                              // version[0]
        BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(12)).ShouldBe((uint)buffer.Length);  // data_size
        BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(16)).ShouldBe(312u);                 // data_start
        BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(20)).ShouldBe(1u);                   // target_count
        BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(28)).ShouldBe(1u);                   // DM_READONLY_FLAG
        Encoding.ASCII.GetString(buffer, 48, 4).ShouldBe("root");
        buffer[52].ShouldBe((byte)0);

        var spec = buffer.AsSpan(312);
        BinaryPrimitives.ReadUInt64LittleEndian(spec).ShouldBe(0UL);                               // sector_start
        BinaryPrimitives.ReadUInt64LittleEndian(spec[8..]).ShouldBe(80UL);                         // length
        Encoding.ASCII.GetString(spec.Slice(24, 6)).ShouldBe("verity");
        Encoding.ASCII.GetString(spec.Slice(40, parameters.Length)).ShouldBe(parameters);
        spec[40 + parameters.Length].ShouldBe((byte)0);
    }

    [Fact]
    public void TableLoadBuffer_NameTooLong_Throws()
    {
        Should.Throw<ArgumentException>(() => DeviceMapper.TableLoadBuffer(new string('n', 128), 8, "verity", "x"));
    }
}
