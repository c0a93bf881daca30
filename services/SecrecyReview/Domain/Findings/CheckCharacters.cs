using Ogi.BuildingBlocks.Domain;

namespace Ogi.SecrecyReview.Domain.Findings;

/// <summary>居民身份证号码 (GB 11643): 17 digits, ISO 7064 MOD 11-2 check character, a real birth date.</summary>
public static class CitizenIdNumber
{
    public static bool IsValid(ReadOnlySpan<char> id) => HasShape(id) && ChineseIdentifiers.IsValidCitizenIdNumber(id);

    /// <summary>
    /// Looks like an ID number whatever its check character: 17 digits starting with a region code 1–8
    /// (11 北京 … 82 澳门) and a real birth date. A number of this shape with a wrong check digit is a mistyped ID,
    /// so it is not reported as a bank card either.
    /// </summary>
    public static bool HasShape(ReadOnlySpan<char> id) =>
        id.Length == 18 && id[0] is >= '1' and <= '8' && !id[..17].ContainsAnyExceptInRange('0', '9')
        && (char.IsAsciiDigit(id[17]) || id[17] is 'X' or 'x') && HasPlausibleBirthDate(id.Slice(6, 8));

    private static bool HasPlausibleBirthDate(ReadOnlySpan<char> yyyymmdd)
    {
        var year = int.Parse(yyyymmdd[..4], provider: null);
        var month = int.Parse(yyyymmdd.Slice(4, 2), provider: null);
        var day = int.Parse(yyyymmdd.Slice(6, 2), provider: null);
        // Nobody alive was born before 1900; a date after today's year is a typo or not an ID at all.
        return year >= 1900 && year <= DateTime.UtcNow.Year && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }
}

/// <summary>银行卡号: 16–19 digits passing the Luhn check (ISO/IEC 7812).</summary>
public static class BankCardNumber
{
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        if (digits.Length is < 16 or > 19)
        {
            return false;
        }

        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(digits[i]))
            {
                return false;
            }

            var d = digits[i] - '0';
            if (doubleIt)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }
}

/// <summary>统一社会信用代码 (GB 32100): 18 characters from 0-9A-HJ-NPQRTUWXY, MOD 31 check character.</summary>
public static class UnifiedSocialCreditCode
{
    public static bool IsValid(ReadOnlySpan<char> code)
    {
        if (code.Length != 18)
        {
            return false;
        }

        // Position 1 is the registering department (1 机构编制 … 9 工商, A, N, Y), position 2 the organisation
        // category (1–9), positions 3–8 the administrative division code.
        if (!"123456789ANY".Contains(code[0], StringComparison.Ordinal) || code[1] is < '1' or > '9')
        {
            return false;
        }

        // Positions 3–8: digits only.
        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
            {
                return false;
            }
        }

        return ChineseIdentifiers.IsValidUnifiedSocialCreditCode(code);
    }
}
