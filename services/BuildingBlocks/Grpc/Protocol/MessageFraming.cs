using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Ogi.BuildingBlocks.Grpc.Protocol;

/// <summary>
/// Length-prefixed messages: 1 byte compressed flag, 4 bytes big-endian length, then the message.
/// A message may span several DATA frames and one frame may hold several messages, so we read from a pipe
/// and cut by the prefix, never by frame.
/// </summary>
internal sealed class MessageReader(PipeReader input, string? encoding, int maxMessageSize)
{
    private const int HeaderSize = 5;

    // The read that returned the last message also saw the stream end right after it.
    private bool _ended;

    /// <summary>Reads the next message; false at a clean end of stream (no partial message pending).</summary>
    public ValueTask<(bool HasMessage, T Message)> ReadAsync<T>(Marshaller<T> marshaller, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_ended)
        {
            // A unary request's single message usually arrives with END_STREAM: its end is known without another pipe read.
            return new((false, default!));
        }

        // Usually the whole message is buffered already: it is taken without an asynchronous read.
        return input.TryRead(out var result) && TryTake(result, marshaller, out var hasMessage, out var message)
            ? new((hasMessage, message))
            : ReadWaitingAsync(marshaller, cancellationToken);
    }

    private async ValueTask<(bool HasMessage, T Message)> ReadWaitingAsync<T>(Marshaller<T> marshaller, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (TryTake(result, marshaller, out var hasMessage, out var message))
            {
                return (hasMessage, message);
            }
        }
    }

    /// <summary>
    /// Takes the next message, or the clean end of the stream, out of what a read returned; false (all of it
    /// examined) when the next message has not fully arrived yet.
    /// </summary>
    private bool TryTake<T>(in ReadResult result, Marshaller<T> marshaller, out bool hasMessage, out T message)
    {
        var buffer = result.Buffer;
        if (TryReadFrame(buffer, out var flag, out var body))
        {
            try
            {
                message = Deserialize(marshaller, flag, body);
                hasMessage = true;
                _ended = result.IsCompleted && buffer.Length == HeaderSize + body.Length;
                return true;
            }
            finally
            {
                input.AdvanceTo(body.End);
            }
        }

        hasMessage = false;
        message = default!;
        if (result.IsCompleted || result.IsCanceled)
        {
            input.AdvanceTo(buffer.End);
            if (buffer.IsEmpty && !result.IsCanceled)
            {
                return true;
            }

            throw new RpcException(new Status(StatusCode.Internal, "Incomplete message: the stream ended inside a length-prefixed message."));
        }

        input.AdvanceTo(buffer.Start, buffer.End);
        return false;
    }

    private bool TryReadFrame(in ReadOnlySequence<byte> buffer, out byte flag, out ReadOnlySequence<byte> body)
    {
        body = default;
        flag = 0;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> joined = stackalloc byte[HeaderSize];
        ReadOnlySpan<byte> header = joined;
        if (buffer.FirstSpan.Length >= HeaderSize)
        {
            header = buffer.FirstSpan;
        }
        else
        {
            // The prefix spans buffer segments.
            buffer.Slice(0, HeaderSize).CopyTo(joined);
        }

        flag = header[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        // Refuse an oversized message from its prefix, before buffering any of it.
        if (length > maxMessageSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Received message of {length} bytes exceeds the maximum of {maxMessageSize}."));
        }

        if (buffer.Length < HeaderSize + length)
        {
            return false;
        }

        body = buffer.Slice(HeaderSize, length);
        return true;
    }

    private T Deserialize<T>(Marshaller<T> marshaller, byte flag, in ReadOnlySequence<byte> body)
    {
        var payload = flag switch
        {
            0 => body,
            // The flag says compressed, so the call must have named an algorithm (grpc-encoding) other than identity.
            1 when encoding is null or GrpcCompression.Identity =>
                throw new RpcException(new Status(StatusCode.Internal, "Message is flagged compressed but the call has no grpc-encoding.")),
            1 => new ReadOnlySequence<byte>(GrpcCompression.Decompress(body, maxMessageSize)),
            _ => throw new RpcException(new Status(StatusCode.Internal, $"Invalid compressed flag {flag} in message prefix.")),
        };
        try
        {
            return marshaller.Parse(payload);
        }
        catch (InvalidProtocolBufferException)
        {
            // doc/statuscodes.md: a message that cannot be parsed is INTERNAL; its bytes are not echoed back.
            throw new RpcException(new Status(StatusCode.Internal, $"Message could not be parsed as {typeof(T).Name}."));
        }
    }
}

/// <summary>Writes one length-prefixed message into a buffer writer (the response body or the request stream).</summary>
internal static class MessageWriter
{
    public static void Write<T>(IBufferWriter<byte> output, T message, Marshaller<T> marshaller, string? compression, int maxMessageSize)
    {
        var size = marshaller.Measure(message);
        if (size > maxMessageSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Sending message of {size} bytes exceeds the maximum of {maxMessageSize}."));
        }

        if (compression is null or GrpcCompression.Identity)
        {
            var span = output.GetSpan(5 + size);
            span[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)size);
            marshaller.Write(message, span.Slice(5, size));
            output.Advance(5 + size);
            return;
        }

        var raw = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            marshaller.Write(message, raw.AsSpan(0, size));
            var compressed = GrpcCompression.Compress(raw.AsSpan(0, size));
            var span = output.GetSpan(5 + compressed.Length);
            span[0] = 1;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)compressed.Length);
            compressed.CopyTo(span[5..]);
            output.Advance(5 + compressed.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }
}
