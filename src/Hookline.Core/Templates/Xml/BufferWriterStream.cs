using System.Buffers;

namespace Hookline.Core.Templates.Xml;

/// <summary>A write-only stream into an <see cref="IBufferWriter{T}"/>, for XmlWriter; reused between renders.</summary>
internal sealed class BufferWriterStream : Stream
{
    public IBufferWriter<byte>? Target { get; set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer) =>
        (Target ?? throw new InvalidOperationException("The stream has no target.")).Write(buffer);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
