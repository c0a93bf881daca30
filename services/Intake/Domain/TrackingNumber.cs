using System.Globalization;
using System.Security.Cryptography;

namespace Ogi.Intake.Domain;

/// <summary>
/// INT-3: unique and readable per agency and year — "&lt;agency short code&gt;-2026-000123" — from a gap-free
/// sequence the persistence layer hands out; plus the applicant's verification code for progress queries.
/// </summary>
public static class TrackingNumber
{
    // No 0/O, 1/I/L: the code is read over the phone and typed by hand.
    private const string VerificationAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string Format(string agencyShortCode, int year, long sequence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agencyShortCode);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{agencyShortCode}-{year:D4}-{sequence:D6}");
    }

    public static string NewVerificationCode() => RandomNumberGenerator.GetString(VerificationAlphabet, 8);

    /// <summary>
    /// The code derived from a secret keyed hash, so a platform that submits the same request again gets the same
    /// code back without the code itself being stored.
    /// </summary>
    public static string VerificationCodeFrom(ReadOnlySpan<byte> keyedHash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keyedHash.Length, 8);
        return string.Create(8, keyedHash[..8].ToArray(), static (chars, bytes) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = VerificationAlphabet[bytes[i] % VerificationAlphabet.Length];
            }
        });
    }
}
