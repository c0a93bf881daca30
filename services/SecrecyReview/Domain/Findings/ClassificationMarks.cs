namespace Ogi.SecrecyReview.Domain.Findings;

/// <summary>
/// Classification marks (SR-7; seed 001 第七条: information "明确标识为'秘密'、'机密'、'绝密'").
/// Heuristics, chosen so the words used in ordinary prose ("保密审查", "涉及国家秘密", "秘密的", "机密文件",
/// "内部管理") are not reported:
/// - 秘密/机密/绝密 followed by ★ is always a mark, with its period ("机密★10年", "绝密★长期", "秘密★6个月").
/// - A bare 秘密/机密/绝密, 工作秘密 or 内部 is a mark only where a mark is written: alone at the start of a line
///   (GB/T 9704 puts 密级 on its own line), inside brackets (【机密】, （内部）), or after "密级：" — and only when
///   the word ends there (end of line, space, closing bracket, ★ or punctuation), so "秘密的" is not one.
/// - 内部 is also a mark as 内部资料/内部文件/内部刊物/内部参阅/内部传阅/内部发行/内部使用/内部材料 at a line start.
/// - A ★ standing alone is a mark of unknown level only when a period follows ("★10年"); a ★ used as a bullet is not.
/// </summary>
internal static class ClassificationMarks
{
    private const string Openers = "【〔（(［[「『";
    private const string Closers = "】〕）)］]」』";
    private const string EndPunctuation = "，。；：:、,;";
    private static readonly string[] InternalSuffixes = ["资料", "文件", "刊物", "参阅", "传阅", "发行", "使用", "材料"];

    public static void Find(string text, List<FoundSpan> found)
    {
        var i = 0;
        while (i < text.Length)
        {
            i = text[i] switch
            {
                '绝' when At(text, i, "绝密") => Level(text, i, SecrecyLevel.TopSecret, found),
                '机' when At(text, i, "机密") => Level(text, i, SecrecyLevel.Confidential, found),
                '秘' when At(text, i, "秘密") && !(i >= 2 && At(text, i - 2, "工作")) => Level(text, i, SecrecyLevel.Secret, found),
                '工' when At(text, i, "工作秘密") => Word(text, i, 4, FindingKind.WorkSecretMark, found),
                '内' when At(text, i, "内部") => Internal(text, i, found),
                '★' => LoneStar(text, i, found),
                _ => i + 1,
            };
        }
    }

    private static int Level(string text, int start, SecrecyLevel level, List<FoundSpan> found)
    {
        var end = start + 2;
        if (end < text.Length && text[end] == '★')
        {
            end = PeriodEnd(text, end + 1);
            found.Add(new FoundSpan(FindingKind.ClassificationMark, start, end - start, level));
            return end;
        }

        if (IsStandalone(text, start, end))
        {
            found.Add(new FoundSpan(FindingKind.ClassificationMark, start, 2, level));
        }

        return end;
    }

    private static int Word(string text, int start, int length, FindingKind kind, List<FoundSpan> found)
    {
        var end = start + length;
        if (end < text.Length && text[end] == '★')
        {
            end = PeriodEnd(text, end + 1);
            found.Add(new FoundSpan(kind, start, end - start));
            return end;
        }

        if (IsStandalone(text, start, end))
        {
            found.Add(new FoundSpan(kind, start, length));
        }

        return end;
    }

    private static int Internal(string text, int start, List<FoundSpan> found)
    {
        foreach (var suffix in InternalSuffixes)
        {
            var end = start + 2 + suffix.Length;
            if (At(text, start + 2, suffix) && StartsLine(text, start) && EndsWord(text, end))
            {
                found.Add(new FoundSpan(FindingKind.InternalMark, start, end - start));
                return end;
            }
        }

        return Word(text, start, 2, FindingKind.InternalMark, found);
    }

    private static int LoneStar(string text, int star, List<FoundSpan> found)
    {
        var end = PeriodEnd(text, star + 1);
        if (end > star + 1)
        {
            found.Add(new FoundSpan(FindingKind.ClassificationMark, star, end - star));
        }

        return end;
    }

    /// <summary>The end of a secrecy period after ★: digits then 年/个月/月, or 长期; the start when none follows.</summary>
    private static int PeriodEnd(string text, int start)
    {
        if (At(text, start, "长期"))
        {
            return start + 2;
        }

        var i = start;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is >= '０' and <= '９'))
        {
            i++;
        }

        if (i == start)
        {
            return start;
        }

        return At(text, i, "个月") ? i + 2 : i < text.Length && text[i] is '年' or '月' ? i + 1 : start;
    }

    /// <summary>Written where a mark is written: at a line start, in brackets, or after "密级：".</summary>
    private static bool IsStandalone(string text, int start, int end)
    {
        var before = start - 1;
        while (before >= 0 && text[before] is ' ' or '\t' or '\u3000')
        {
            before--;
        }

        if (before >= 0 && Openers.Contains(text[before], StringComparison.Ordinal))
        {
            return end < text.Length && Closers.Contains(text[end], StringComparison.Ordinal);
        }

        var labelled = before >= 1 && (At(text, before - 1, "密级") || (text[before] is '：' or ':' && before >= 2 && At(text, before - 2, "密级")));
        return (labelled || StartsLine(text, start)) && EndsWord(text, end);
    }

    private static bool StartsLine(string text, int start)
    {
        var before = start - 1;
        while (before >= 0 && text[before] is ' ' or '\t' or '\u3000')
        {
            before--;
        }

        return before < 0 || text[before] is '\n' or '\r';
    }

    private static bool EndsWord(string text, int end) =>
        end >= text.Length || char.IsWhiteSpace(text[end]) || text[end] == '★'
        || Closers.Contains(text[end], StringComparison.Ordinal) || EndPunctuation.Contains(text[end], StringComparison.Ordinal);

    private static bool At(string text, int index, string word) =>
        index >= 0 && index + word.Length <= text.Length && string.CompareOrdinal(text, index, word, 0, word.Length) == 0;
}
