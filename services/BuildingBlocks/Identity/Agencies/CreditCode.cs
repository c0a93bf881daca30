using Ogi.BuildingBlocks.Domain;

namespace Ogi.BuildingBlocks.Identity.Agencies;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015) of an agency, with a reason when it is wrong, for operators loading the
/// directory. The check itself is <see cref="ChineseIdentifiers"/>'.
/// </summary>
public static class CreditCode
{
    public const int Length = 18;

    public static bool IsValid(string? code) => ChineseIdentifiers.IsValidUnifiedSocialCreditCode(code);

    /// <summary>Why <paramref name="code"/> is not a valid code, or null when it is.</summary>
    public static string? Problem(string? code)
    {
        if (code is null || code.Length != Length)
        {
            return $"must be {Length} characters";
        }

        var bad = code.FirstOrDefault(c => !ChineseIdentifiers.CreditCodeAlphabet.Contains(c, StringComparison.Ordinal));
        if (bad != default)
        {
            return $"contains '{bad}', outside 0-9A-HJ-NPQRTUWXY";
        }

        var expected = ChineseIdentifiers.CreditCodeCheckCharacter(code.AsSpan(0, Length - 1));
        return expected == code[^1] ? null : $"check character is '{code[^1]}', expected '{expected}'";
    }
}
