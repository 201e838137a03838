using System.Buffers.Binary;

namespace Hull.Containers;

/// <summary>
/// The pod sandbox's "pause" program as a complete x86-64 ELF executable: it calls pause(2) in a
/// loop and does nothing else. containerd's CRI plugin needs a sandbox image to hold each pod's
/// namespaces; the usual one comes from a registry we cannot reach, and compiling one would make
/// the image depend on the build machine's compiler. Pods run with their own PID namespace per
/// container, so the sandbox reaps nothing; containerd stops it with SIGKILL.
/// Layout: ELF header (64 bytes), one PT_LOAD program header (56 bytes), then the code
/// (System V ABI, "ELF-64 Object File Format" 1.5).
/// </summary>
internal static class PauseElf
{
    private const ulong LoadAddress = 0x400000;
    private const int HeaderSize = 64;
    private const int ProgramHeaderSize = 56;

    // loop: mov eax, 34 (SYS_pause); syscall; jmp loop
    private static ReadOnlySpan<byte> Code => [0xb8, 0x22, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xeb, 0xf7];

    /// <summary>The executable's bytes.</summary>
    public static byte[] Build()
    {
        var size = HeaderSize + ProgramHeaderSize + Code.Length;
        var elf = new byte[size];
        var span = elf.AsSpan();

        // e_ident: magic, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, ELFOSABI_SYSV.
        ((ReadOnlySpan<byte>)[0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0]).CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[16..], 2); // e_type ET_EXEC
        BinaryPrimitives.WriteUInt16LittleEndian(span[18..], 0x3e); // e_machine EM_X86_64
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], 1); // e_version
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], LoadAddress + HeaderSize + ProgramHeaderSize); // e_entry
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], HeaderSize); // e_phoff
        BinaryPrimitives.WriteUInt16LittleEndian(span[52..], HeaderSize); // e_ehsize
        BinaryPrimitives.WriteUInt16LittleEndian(span[54..], ProgramHeaderSize); // e_phentsize
        BinaryPrimitives.WriteUInt16LittleEndian(span[56..], 1); // e_phnum

        var ph = span[HeaderSize..];
        BinaryPrimitives.WriteUInt32LittleEndian(ph, 1); // p_type PT_LOAD
        BinaryPrimitives.WriteUInt32LittleEndian(ph[4..], 5); // p_flags PF_R | PF_X
        BinaryPrimitives.WriteUInt64LittleEndian(ph[16..], LoadAddress); // p_vaddr
        BinaryPrimitives.WriteUInt64LittleEndian(ph[24..], LoadAddress); // p_paddr
        BinaryPrimitives.WriteUInt64LittleEndian(ph[32..], (ulong)size); // p_filesz
        BinaryPrimitives.WriteUInt64LittleEndian(ph[40..], (ulong)size); // p_memsz
        BinaryPrimitives.WriteUInt64LittleEndian(ph[48..], 0x1000); // p_align

        Code.CopyTo(span[(HeaderSize + ProgramHeaderSize)..]);
        return elf;
    }
}
