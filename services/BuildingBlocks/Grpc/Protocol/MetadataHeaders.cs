using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Ogi.BuildingBlocks.Grpc.Protocol;

/// <summary>
/// Metadata ↔ HTTP/2 headers. -bin values travel base64: we send unpadded and accept padded or not,
/// and a repeated -bin header joined into one value by commas yields one entry per part.
/// </summary>
internal static class MetadataHeaders
{
    public static Metadata FromRequest(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers)
        {
            Add(metadata, name, values);
        }

        return metadata;
    }

    public static Metadata FromResponse(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers.NonValidated)
        {
            foreach (var value in values)
            {
                Add(metadata, name.ToLowerInvariant(), new StringValues(value));
            }
        }

        return metadata;
    }

    public static void WriteTo(Metadata metadata, IHeaderDictionary headers)
    {
        foreach (var entry in metadata)
        {
            headers.Append(entry.Key, entry.IsBinary ? ToBase64(entry.ValueBytes) : entry.Value);
        }
    }

    public static void WriteTo(Metadata metadata, HttpHeaders headers)
    {
        foreach (var entry in metadata)
        {
            if (entry.Key == GrpcProtocol.RequestEncodingMetadataKey)
            {
                continue;
            }

            headers.TryAddWithoutValidation(entry.Key, entry.IsBinary ? ToBase64(entry.ValueBytes) : entry.Value);
        }
    }

    public static string ToBase64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    /// <summary>Base64 with or without '=' padding.</summary>
    public static byte[] FromBase64(string value)
    {
        var trimmed = value.Trim();
        var padding = (4 - (trimmed.Length % 4)) % 4;
        return Convert.FromBase64String(padding is 0 or 3 ? trimmed : trimmed + new string('=', padding));
    }

    private static void Add(Metadata metadata, string name, StringValues values)
    {
        if (GrpcProtocol.IsReservedHeader(name))
        {
            return;
        }

        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            try
            {
                if (name.EndsWith(Metadata.BinarySuffix, StringComparison.Ordinal))
                {
                    foreach (var part in value.Split(','))
                    {
                        metadata.Add(name, FromBase64(part));
                    }
                }
                else
                {
                    metadata.Add(new Metadata.Entry(name, value));
                }
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                // A header that is not valid metadata (bad base64, a key with capitals from HTTP/1 tooling) is not the call's business.
                continue;
            }
        }
    }
}
