using System.Buffers;
using System.IO.Compression;

namespace Ogi.BuildingBlocks.Grpc.Protocol;

/// <summary>Message compression: grpc-encoding names the algorithm, and each message's flag says whether it is compressed.</summary>
internal static class GrpcCompression
{
    public const string Identity = "identity";
    public const string Gzip = "gzip";

    /// <summary>What we accept, sent as grpc-accept-encoding.</summary>
    public const string AcceptEncoding = "identity,gzip";

    public static bool IsSupported(string? encoding) => encoding is null or Identity or Gzip;

    /// <summary>Whether a peer's grpc-accept-encoding list includes <paramref name="encoding"/>.</summary>
    public static bool Accepts(string? acceptEncoding, string encoding) =>
        acceptEncoding is not null && acceptEncoding.Split(',').Any(e => e.Trim().Equals(encoding, StringComparison.OrdinalIgnoreCase));

    public static byte[] Compress(ReadOnlySpan<byte> message)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(message);
        }

        return output.ToArray();
    }

    /// <summary>Inflates a message, refusing to produce more than <paramref name="maxSize"/> bytes (a zip bomb stops there).</summary>
    public static byte[] Decompress(in ReadOnlySequence<byte> compressed, int maxSize)
    {
        using var input = new MemoryStream(compressed.ToArray());
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (output.Length + read > maxSize)
                {
                    throw new RpcException(new Status(StatusCode.ResourceExhausted, $"Decompressed message exceeds the maximum size of {maxSize} bytes."));
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Compressed message is not valid gzip."));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return output.ToArray();
    }
}
