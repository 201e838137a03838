using Hull.Tuf;

namespace Hull.Core.Tests.Tuf;

/// <summary>An endless stream of '{' bytes that counts how much was read from it.</summary>
internal sealed class EndlessStream : ReadOnlyStream
{
    public long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Fill(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Fill(buffer.Span));

    private int Fill(Span<byte> buffer)
    {
        buffer.Fill((byte)'{');
        BytesRead += buffer.Length;
        return buffer.Length;
    }
}
