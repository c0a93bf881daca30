using System.Text;

namespace Ogi.BuildingBlocks.Grpc.Protocol;

/// <summary>
/// How a status travels: grpc-status as decimal, grpc-message percent-encoded UTF-8 (bytes outside
/// printable ASCII, and '%', become %XX), grpc-status-details-bin a base64 google.rpc.Status.
/// </summary>
internal static class StatusEncoding
{
    public static string EncodeMessage(string message)
    {
        if (message.All(c => c is >= ' ' and <= '~' and not '%'))
        {
            return message;
        }

        var builder = new StringBuilder(message.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= (byte)' ' and <= (byte)'~' and not (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes %XX sequences; a malformed sequence is kept as it is (the spec asks receivers to be lenient).</summary>
    public static string DecodeMessage(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded) || !encoded.Contains('%', StringComparison.Ordinal))
        {
            return encoded ?? "";
        }

        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%' && i + 2 < encoded.Length
                && Uri.IsHexDigit(encoded[i + 1]) && Uri.IsHexDigit(encoded[i + 2]))
            {
                bytes.Add(Convert.ToByte(encoded.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(encoded[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public static bool TryParseStatusCode(string? value, out StatusCode code)
    {
        code = StatusCode.Unknown;
        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        // Codes outside the known range are UNKNOWN (doc/statuscodes.md), not an error.
        code = number is >= 0 and <= 16 ? (StatusCode)number : StatusCode.Unknown;
        return true;
    }
}
