namespace Ogi.BuildingBlocks.Identity.Agencies;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9A-HJ-NPQRTUWXY (no I, O, S, V, Z); the last is a
/// MOD 31 check character over the first 17.
/// </summary>
public static class CreditCode
{
    public const int Length = 18;
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The check character for the first 17 characters, or null when they are not 17 valid characters.</summary>
    public static char? CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            return null;
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            sum += value * Weights[i];
        }

        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    public static bool IsValid(string? code) =>
        code is { Length: Length } && CheckCharacter(code.AsSpan(0, Length - 1)) == code[^1];

    /// <summary>Why <paramref name="code"/> is not a valid code, or null when it is.</summary>
    public static string? Problem(string? code)
    {
        if (code is null || code.Length != Length)
        {
            return $"must be {Length} characters";
        }

        var bad = code.FirstOrDefault(c => !Alphabet.Contains(c, StringComparison.Ordinal));
        if (bad != default)
        {
            return $"contains '{bad}', outside 0-9A-HJ-NPQRTUWXY";
        }

        var expected = CheckCharacter(code.AsSpan(0, Length - 1));
        return expected == code[^1] ? null : $"check character is '{code[^1]}', expected '{expected}'";
    }
}
