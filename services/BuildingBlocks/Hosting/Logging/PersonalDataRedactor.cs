using System.Text.RegularExpressions;

namespace Ogi.BuildingBlocks.Hosting.Logging;

/// <summary>
/// Masks citizen ID numbers and phone numbers
/// in free text bound for logs and spans. Deliberately greedy: anything shaped like one is masked,
/// valid check digit or not, because a log line is no place to be precise about personal data.
/// </summary>
public static partial class PersonalDataRedactor
{
    public const string IdNumberMask = "[身份证号]";
    public const string PhoneMask = "[电话]";

    // 18-character resident ID (GB 11643): region(6) + birth date(8) + sequence(3) + check(1); also the 15-digit legacy form.
    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]|[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})(?![0-9A-Za-z])")]
    private static partial Regex IdNumber();

    // Mainland mobile numbers (optionally +86 / 86), and landlines written with an area code. Bounded by any
    // letter or digit, as ID numbers are: hex runs inside a UUID ("…-a019-2949919f…") are ids, not phone numbers.
    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}|0\d{2,3}-\d{7,8})(?![0-9A-Za-z])")]
    private static partial Regex Phone();

    public static string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var masked = IdNumber().Replace(text, IdNumberMask);
        return Phone().Replace(masked, PhoneMask);
    }
}
