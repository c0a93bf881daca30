using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Ogi.Grpc.Tests;

/// <summary>Hand-built HTTP/2 requests, for what our own client would never send.</summary>
public sealed class RawHttp2 : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true }) { Timeout = TimeSpan.FromSeconds(30) };

    public static byte[] Frame(IMessage message, byte flag = 0) => Frame(message.ToByteArray(), flag);

    public static byte[] Frame(byte[] body, byte flag = 0, uint? declaredLength = null)
    {
        var frame = new byte[5 + body.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength ?? (uint)body.Length);
        body.CopyTo(frame, 5);
        return frame;
    }

    public async Task<RawResponse> PostAsync(Uri address, string path, byte[] body, string contentType = "application/grpc",
        Action<HttpRequestHeaders>? headers = null, Version? version = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TE.ParseAdd("trailers");
        headers?.Invoke(request.Headers);
        using var response = await _http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new RawResponse((int)response.StatusCode, Flatten(response.Headers), Flatten(response.TrailingHeaders), bytes);
    }

    public HttpClient Client => _http;

    public void Dispose() => _http.Dispose();

    private static Dictionary<string, string> Flatten(HttpHeaders headers) =>
        headers.NonValidated.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
}

/// <summary>What came back: HTTP status, headers, trailers, body.</summary>
public sealed record RawResponse(int HttpStatus, Dictionary<string, string> Headers, Dictionary<string, string> Trailers, byte[] Body)
{
    /// <summary>grpc-status from the trailers, or from the headers of a Trailers-Only response.</summary>
    public string? GrpcStatus => Trailers.GetValueOrDefault("grpc-status") ?? Headers.GetValueOrDefault("grpc-status");

    public string? GrpcMessage => Trailers.GetValueOrDefault("grpc-message") ?? Headers.GetValueOrDefault("grpc-message");

    /// <summary>Trailers-Only: the status is in the headers, and nowhere else.</summary>
    public bool IsTrailersOnly => Headers.ContainsKey("grpc-status") && !Trailers.ContainsKey("grpc-status") && Body.Length == 0;
}
