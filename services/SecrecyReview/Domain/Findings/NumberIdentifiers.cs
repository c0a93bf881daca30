namespace Ogi.SecrecyReview.Domain.Findings;

/// <summary>
/// Citizen ID numbers, mobile numbers, bank card numbers and unified social credit codes (SR-7).
/// Heuristics:
/// - A candidate is a maximal run of ASCII letters and digits, so a number inside a longer run ("…1380013800012…")
///   or glued to letters ("No13800138000") is never reported.
/// - 18 characters: a valid ID number (check digit and birth date) wins; a run shaped like an ID (region, birth
///   date) with a wrong check digit is a mistyped ID and reported as nothing else; then a valid credit code, then a
///   Luhn-valid card number.
/// - Mobile: 11 digits 1[3-9]…, also written "138-0013-8000" / "138 0013 8000" or after "+86".
/// - Card: 16–19 digits passing Luhn, also written in groups of four separated by one space or hyphen.
/// - Full-width digits (０–９) are not recognised.
/// </summary>
internal static class NumberIdentifiers
{
    public static void Find(string text, List<FoundSpan> found)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var end = RunEnd(text, i);
            i = Classify(text, i, end, found);
        }
    }

    /// <summary>Reports what the run [start, end) is, and returns where scanning continues.</summary>
    private static int Classify(string text, int start, int end, List<FoundSpan> found)
    {
        var run = text.AsSpan(start, end - start);
        var allDigits = !run.ContainsAnyExceptInRange('0', '9');
        if (run.Length == 18)
        {
            var kind = CitizenIdNumber.IsValid(run) ? FindingKind.CitizenIdNumber
                : CitizenIdNumber.HasShape(run) ? null
                : UnifiedSocialCreditCode.IsValid(run) ? FindingKind.UnifiedSocialCreditCode
                : allDigits && BankCardNumber.IsValid(run) ? FindingKind.BankCardNumber
                : (FindingKind?)null;
            if (kind is { } k)
            {
                found.Add(new FoundSpan(k, start, run.Length));
            }

            return end;
        }

        if (!allDigits)
        {
            return end;
        }

        if (run.Length == 11 && IsMobilePrefix(run))
        {
            found.Add(new FoundSpan(FindingKind.MobileNumber, start, 11));
        }
        else if (run.Length == 13 && run.StartsWith("86") && IsMobilePrefix(run[2..]) && start > 0 && text[start - 1] == '+')
        {
            found.Add(new FoundSpan(FindingKind.MobileNumber, start - 1, 14));
        }
        else if (run.Length is >= 16 and <= 19 && BankCardNumber.IsValid(run))
        {
            found.Add(new FoundSpan(FindingKind.BankCardNumber, start, run.Length));
        }
        else if (!FollowsGroupedDigits(text, start))
        {
            if (run.Length == 3 && IsMobilePrefix(run) && TryGroups(text, end, [4, 4], out var mobileEnd, out var mobileSep)
                && IsGroupEnd(text, mobileEnd, mobileSep))
            {
                found.Add(new FoundSpan(FindingKind.MobileNumber, start, mobileEnd - start));
                return mobileEnd;
            }

            if (run.Length == 4 && TryGroups(text, end, [4, 4, 4], out var cardEnd, out var sep))
            {
                // An optional last group of 1–3 digits makes 17–19 digit cards.
                if (cardEnd + 1 < text.Length && text[cardEnd] == sep && char.IsAsciiDigit(text[cardEnd + 1]))
                {
                    var tailEnd = RunEnd(text, cardEnd + 1);
                    if (tailEnd - cardEnd - 1 > 3 || !IsGroupEnd(text, tailEnd, sep))
                    {
                        return tailEnd;
                    }

                    cardEnd = tailEnd;
                }

                var digits = string.Concat(text[start..cardEnd].Where(char.IsAsciiDigit));
                if (BankCardNumber.IsValid(digits) && !CitizenIdNumber.HasShape(digits))
                {
                    found.Add(new FoundSpan(FindingKind.BankCardNumber, start, cardEnd - start));
                }

                return cardEnd;
            }
        }

        return end;
    }

    private static bool IsMobilePrefix(ReadOnlySpan<char> digits) => digits[0] == '1' && digits[1] is >= '3' and <= '9';

    private static int RunEnd(string text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
        {
            end++;
        }

        return end;
    }

    /// <summary>Whether the run at <paramref name="start"/> continues a group written before it ("12 138 …").</summary>
    private static bool FollowsGroupedDigits(string text, int start) =>
        start >= 2 && text[start - 1] is ' ' or '-' && char.IsAsciiLetterOrDigit(text[start - 2]);

    /// <summary>After a first group ending at <paramref name="at"/>: one separator, then digit groups of exactly the given sizes.</summary>
    private static bool TryGroups(string text, int at, int[] sizes, out int end, out char separator)
    {
        end = at;
        separator = at < text.Length ? text[at] : '\0';
        if (separator is not (' ' or '-'))
        {
            return false;
        }

        foreach (var size in sizes)
        {
            if (end >= text.Length || text[end] != separator || end + 1 >= text.Length || !char.IsAsciiDigit(text[end + 1]))
            {
                return false;
            }

            var groupEnd = RunEnd(text, end + 1);
            if (groupEnd - end - 1 != size || text.AsSpan(end + 1, size).ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            end = groupEnd;
        }

        return true;
    }

    /// <summary>The grouped number ends here: no further separator-and-digit follows.</summary>
    private static bool IsGroupEnd(string text, int end, char separator) =>
        !(end + 1 < text.Length && text[end] == separator && char.IsAsciiDigit(text[end + 1]));
}
