namespace Ogi.BuildingBlocks.Domain;

/// <summary>Check characters of the two identifiers every service meets (reference-data.md § Identifiers).</summary>
public static class ChineseIdentifiers
{
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheckCharacters = "10X98765432";

    /// <summary>GB 32100's 31 characters: digits and capitals without I, O, S, V, Z.</summary>
    public const string CreditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CreditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>居民身份证号码 (GB 11643): 17 digits, a real birth date, and the ISO 7064 MOD 11-2 check character.</summary>
    public static bool IsValidCitizenIdNumber(string? value) => value is not null && IsValidCitizenIdNumber(value.AsSpan());

    /// <inheritdoc cref="IsValidCitizenIdNumber(string?)"/>
    public static bool IsValidCitizenIdNumber(ReadOnlySpan<char> value)
    {
        if (value.Length != 18 || value[..17].ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        if (!DateOnly.TryParseExact(value.Slice(6, 8), "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var birth) || birth.Year < 1900)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (value[i] - '0') * IdWeights[i];
        }

        return char.ToUpperInvariant(value[17]) == IdCheckCharacters[sum % 11];
    }

    /// <summary>统一社会信用代码 (GB 32100): 18 characters of 0-9A-HJ-NPQRTUWXY, the last a MOD 31 check character.</summary>
    public static bool IsValidUnifiedSocialCreditCode(string? value) => value is not null && IsValidUnifiedSocialCreditCode(value.AsSpan());

    /// <inheritdoc cref="IsValidUnifiedSocialCreditCode(string?)"/>
    public static bool IsValidUnifiedSocialCreditCode(ReadOnlySpan<char> value) =>
        value.Length == 18 && CreditCodeCheckCharacter(value[..17]) == value[17];

    /// <summary>
    /// The check character completing the first 17 characters of a credit code, or null when they are not 17
    /// characters of the code's alphabet.
    /// </summary>
    public static char? CreditCodeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            return null;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var index = CreditCodeAlphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (index < 0)
            {
                return null;
            }

            sum += index * CreditCodeWeights[i];
        }

        return CreditCodeAlphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>The check character completing the first 17 digits of a citizen ID number (for test data).</summary>
    public static char CitizenIdCheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * IdWeights[i];
        }

        return IdCheckCharacters[sum % 11];
    }
}
