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
}
