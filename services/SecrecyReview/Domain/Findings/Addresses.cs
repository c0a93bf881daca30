namespace Ogi.SecrecyReview.Domain.Findings;

/// <summary>
/// Street addresses, best effort (SR-7). An address is anchored on "…路/街/道/巷/弄/里/段/条/村/组/院/区 + number + 号"
/// ("解放碑路12号", "人民南路四段19号"); from there it extends left over Chinese characters and digits (at most
/// 30, stopping at punctuation or a space) to take in 省/市/区/县/镇, and right over building parts (附1号, 栋/幢/单元/室/层, at most 20).
/// A leading cue word (住址、住所地、家住、位于 …) is left out. Document numbers ("〔2008〕78号", "第711号") and
/// bare place names without a street number are not addresses; an agency's own published address is found and
/// simply kept by the reviewer.
/// </summary>
internal static class Addresses
{
    private const string StreetSuffixes = "路街道巷弄里段条村组院区";
    private const string ChineseNumerals = "〇零一二三四五六七八九十百千";
    private const string BuildingParts = "-之号栋幢楼单元室层座附";
    private const int MaxLeftExtent = 30;
    private const int MaxRightExtent = 20;
    private static readonly string[] Cues = ["住址", "地址", "住所地", "住所", "户籍地", "家住", "现住", "居住在", "居住于", "位于", "住", "在", "于", "为"];

    public static void Find(string text, List<FoundSpan> found)
    {
        var searchFrom = 0;
        for (var hao = text.IndexOf('号', StringComparison.Ordinal); hao >= 0; hao = text.IndexOf('号', hao + 1))
        {
            if (hao < searchFrom)
            {
                continue;
            }

            var numberStart = hao;
            while (numberStart > 0 && IsNumeral(text[numberStart - 1]))
            {
                numberStart--;
            }

            if (numberStart == hao || numberStart == 0 || !StreetSuffixes.Contains(text[numberStart - 1], StringComparison.Ordinal))
            {
                continue;
            }

            var start = numberStart - 1;
            while (start > 0 && numberStart - start < MaxLeftExtent && IsAddressChar(text[start - 1]))
            {
                start--;
            }

            start = AfterLastCue(text, start, numberStart - 1);
            var end = hao + 1;
            while (end < text.Length && end - hao <= MaxRightExtent && (IsNumeral(text[end]) || BuildingParts.Contains(text[end], StringComparison.Ordinal)))
            {
                end++;
            }

            // The street name itself must be there: "路12号" alone is no address.
            if (numberStart - 1 - start >= 2)
            {
                found.Add(new FoundSpan(FindingKind.Address, start, end - start));
                searchFrom = end;
            }
        }
    }

    private static int AfterLastCue(string text, int start, int limit)
    {
        var best = start;
        var window = text.AsSpan(start, limit - start);
        foreach (var cue in Cues)
        {
            var at = window.LastIndexOf(cue, StringComparison.Ordinal);
            if (at >= 0)
            {
                best = Math.Max(best, start + at + cue.Length);
            }
        }

        return best;
    }

    private static bool IsNumeral(char c) => char.IsAsciiDigit(c) || c is >= '０' and <= '９' || ChineseNumerals.Contains(c, StringComparison.Ordinal);

    private static bool IsAddressChar(char c) => c is >= '\u4e00' and <= '\u9fff' || char.IsAsciiDigit(c) || c is >= '０' and <= '９';
}
