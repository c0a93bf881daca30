using Ogi.BuildingBlocks.Domain;

namespace Ogi.SecrecyReview.Domain.Redaction;

/// <summary>A part of the text withheld under 部分公开 (SR-3, seed 001 第十四条), in UTF-16 code units, with why.</summary>
public sealed record WithheldRange(int Start, int Length, string Reason)
{
    public int End => Start + Length;
}

/// <summary>How a withheld range is shown: a run of <see cref="Symbol"/>, either fixed length or as long as the range.</summary>
public sealed record RedactionMark(char Symbol = '■', int? FixedLength = 3)
{
    public static RedactionMark Default { get; } = new();

    public static RedactionMark Proportional { get; } = new('■', null);
}

/// <summary>A withheld range of the original text, where its mark stands in the released text, and why.</summary>
public sealed record RedactedPart(int Start, int Length, int ReleasedStart, int ReleasedLength, string Reason);

/// <summary>
/// The text released under 部分公开: every withheld range replaced by a visible mark, with the list of what was
/// withheld and why. Overlapping or touching ranges are merged first (their reasons joined), so one mark stands for one
/// continuous gap.
/// </summary>
public sealed record ReleasedText(string Text, IReadOnlyList<RedactedPart> Redactions)
{
    public static ReleasedText Unredacted(string text) => new(text, []);

    public static ReleasedText Produce(string original, IEnumerable<WithheldRange> withheld, RedactionMark? mark = null)
    {
        ArgumentNullException.ThrowIfNull(original);
        mark ??= RedactionMark.Default;
        if (mark.FixedLength is < 1)
        {
            throw new InvalidInputException("redaction_mark.fixed_length", "must be at least 1");
        }

        var merged = Merge(Validate(original, withheld));
        var released = new System.Text.StringBuilder(original.Length);
        var redactions = new List<RedactedPart>(merged.Count);
        var copied = 0;
        foreach (var range in merged)
        {
            released.Append(original, copied, range.Start - copied);
            var markLength = mark.FixedLength ?? range.Length;
            redactions.Add(new RedactedPart(range.Start, range.Length, released.Length, markLength, range.Reason));
            released.Append(mark.Symbol, markLength);
            copied = range.End;
        }

        released.Append(original, copied, original.Length - copied);
        return new ReleasedText(released.ToString(), redactions);
    }

    private static List<WithheldRange> Validate(string original, IEnumerable<WithheldRange> withheld)
    {
        var ranges = withheld.ToList();
        for (var i = 0; i < ranges.Count; i++)
        {
            var r = ranges[i];
            var field = $"withheld[{i}]";
            if (r.Start < 0 || r.Length <= 0 || r.Start > original.Length - r.Length)
            {
                throw new InvalidInputException(field, $"range {r.Start}+{r.Length} is empty or outside the text of length {original.Length}");
            }

            // Cutting a surrogate pair would leave half a character in the released text.
            if (char.IsLowSurrogate(original[r.Start]) || (r.End < original.Length && char.IsLowSurrogate(original[r.End])))
            {
                throw new InvalidInputException(field, "range splits a character (surrogate pair)");
            }

            if (string.IsNullOrWhiteSpace(r.Reason))
            {
                throw new InvalidInputException(field + ".reason", "each withheld part states its reason");
            }
        }

        return ranges;
    }

    private static List<WithheldRange> Merge(List<WithheldRange> ranges)
    {
        var merged = new List<WithheldRange>();
        foreach (var r in ranges.OrderBy(r => r.Start).ThenBy(r => r.End))
        {
            if (merged.Count > 0 && r.Start <= merged[^1].End)
            {
                var last = merged[^1];
                var reason = last.Reason.Split('；').Contains(r.Reason) ? last.Reason : last.Reason + "；" + r.Reason;
                merged[^1] = last with { Length = Math.Max(last.End, r.End) - last.Start, Reason = reason };
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }
}
