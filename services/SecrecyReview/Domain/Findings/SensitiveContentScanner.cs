namespace Ogi.SecrecyReview.Domain.Findings;

/// <summary>
/// SR-7: scans a text for what a reviewer must look at — classification marks, personal and financial numbers,
/// credit codes, addresses. It assists and never decides: every finding is resolved by a person.
/// Each detector walks the text once with bounded look-around (no regular expressions, no backtracking), so the
/// scan is linear in the text length.
/// </summary>
public static class SensitiveContentScanner
{
    public static IReadOnlyList<Finding> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = new List<FoundSpan>();
        ClassificationMarks.Find(text, spans);
        NumberIdentifiers.Find(text, spans);
        Addresses.Find(text, spans);
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Kind.CompareTo(b.Kind));

        var lines = new LineIndex(text);
        return spans.Select(s =>
        {
            var (line, column) = lines.Locate(s.Start);
            return new Finding(s.Kind, s.Start, s.Length, line, column, text.Substring(s.Start, s.Length), s.Level);
        }).ToList();
    }
}

/// <summary>A finding before line/column are worked out.</summary>
internal readonly record struct FoundSpan(FindingKind Kind, int Start, int Length, SecrecyLevel? Level = null);

/// <summary>Offsets of line starts, so a UTF-16 offset converts to a 1-based line and column by binary search.</summary>
internal sealed class LineIndex
{
    private readonly List<int> _lineStarts = [0];

    public LineIndex(string text)
    {
        for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            _lineStarts.Add(i + 1);
        }
    }

    public (int Line, int Column) Locate(int offset)
    {
        var index = _lineStarts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - _lineStarts[index] + 1);
    }
}
